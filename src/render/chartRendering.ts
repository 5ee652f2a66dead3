/**
 * How a list of chart specs becomes SVG: here on the calling thread, or on
 * chart threads (chartThreads.ts). Either way each chart is rendered by
 * renderSvg with its key as id prefix, so the bytes do not depend on where.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { WorkerReply } from '../threads/oneShotWorker.js';
import { renderSvg } from './renderSvg.js';

export interface ChartJob {
  key: string;
  spec: TopLevelSpec;
}

/**
 * What a chart thread is sent: every chart, and the counters in shared
 * memory (replicateCounters) from which each thread takes the index of the
 * next one (sharedClaims, one at a time).
 */
export interface ChartBatch {
  /** Tells the answers of one batch from another's. */
  id: number;
  jobs: readonly ChartJob[];
  counters: Int32Array;
}

/** What a chart thread answers: each chart it took, then done once none is left (or after a failure). */
export type ChartWorkerMessage = { batch: number; done: false; index: number; reply: WorkerReply<string> } | { batch: number; done: true };

/** SVGs in the order of the jobs. */
export type ChartRendering = (jobs: readonly ChartJob[]) => Promise<string[]>;

export const renderInLine: ChartRendering = async (jobs) => {
  const svgs: string[] = [];
  for (const { key, spec } of jobs) svgs.push(await renderSvg(spec, { idPrefix: key }));
  return svgs;
};
