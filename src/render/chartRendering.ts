/**
 * How a list of chart specs becomes SVG: here on the calling thread, or on
 * chart threads (chartThreads.ts). Either way each chart is rendered by
 * renderSvg with its key as id prefix, so the bytes do not depend on where.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './renderSvg.js';

export interface ChartJob {
  key: string;
  spec: TopLevelSpec;
}

/** SVGs in the order of the jobs. */
export type ChartRendering = (jobs: readonly ChartJob[]) => Promise<string[]>;

export const renderInLine: ChartRendering = async (jobs) => {
  const svgs: string[] = [];
  for (const { key, spec } of jobs) svgs.push(await renderSvg(spec, { idPrefix: key }));
  return svgs;
};
