/**
 * Charts rendered on worker threads started ahead of need. Vega takes a good
 * part of a second to load and rendering a chart the first time is slow
 * (its code is still cold), so threads started when a run begins have Vega
 * loaded by the time the results are ready. Each thread is handed every
 * chart and takes the next one from a counter in shared memory whenever it
 * is free, and so does the calling thread once the report's text is built
 * (it yields to the event loop first), but only where enough charts are
 * left to pay for loading Vega there: at the end of a run the calling
 * thread has nothing else to do, and one chart thread alone left a core
 * idle for most of the rendering. Charts of provisional results can be
 * started earlier still (prerender), while the calling thread computes;
 * render then takes those whose spec has not changed.
 *
 * Where no thread can be had (EFFEKT_THREADS=1, running from the TypeScript
 * sources) or a thread fails, the charts are rendered on the calling
 * thread instead: each chart is rendered by renderSvg with its key as id
 * prefix wherever it runs, so the bytes are the same.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerModule } from '../files/distFile.js';
import { workersAllowed } from '../threads/oneShotWorker.js';
import { replicateCounters, sharedClaims } from '../threads/replicateClaims.js';
import { renderInLine, type ChartBatch, type ChartJob, type ChartRendering, type ChartWorkerMessage } from './chartRendering.js';
import { renderSvg } from './renderSvg.js';

export interface ChartThreads {
  /**
   * Starts rendering charts ahead of `render`, on the threads alone (the
   * calling thread is busy): from provisional results, say. `render` then
   * takes each SVG whose key and spec it is given again, and renders the
   * rest. Does nothing without threads or when called again.
   */
  prerender(jobs: readonly ChartJob[]): void;
  /** Renders the charts; call once. */
  render: ChartRendering;
  /** Ends the threads, also when render was never called. */
  close(): void;
  /** Charts the calling thread rendered itself beside the threads in the last render (for tests and measurements). */
  readonly renderedHere: number;
  /** Charts of the last render taken from prerender (for tests and measurements). */
  readonly reusedAhead: number;
  /** Resolves once every chart thread runs (or has failed): its V8 is set up by then. */
  readonly online: Promise<void>;
}

export interface ChartThreadOptions {
  /**
   * The calling thread helps only if at least this many charts are not yet
   * taken when it is free: loading Vega there (about 70 ms from the code
   * cache) and a first, cold chart cost about what a warm chart thread
   * needs for two. Infinity: never.
   */
  callerHelpsFrom?: number;
}

/** See ChartThreadOptions.callerHelpsFrom. */
export const CALLER_HELPS_FROM = 3;

/**
 * One core is left to the main thread, which reads and estimates beside the
 * analysis's own worker threads while the chart threads load Vega: one
 * chart thread on two cores, two where there are more, none on one core
 * (where a thread would only add its own start-up to the run). Measured on
 * two shared cores, a second chart thread cost more in the analysis than it
 * saved in rendering.
 */
export function defaultChartThreads(): number {
  return Math.min(2, availableParallelism() - 1);
}

/** `onFailure` hears why the threads gave up before the charts are rendered in line. */
export function startChartThreads(count = defaultChartThreads(), onFailure: (error: Error) => void = () => {}, options: ChartThreadOptions = {}): ChartThreads {
  const workers = workersAllowed() ? startWorkers(count) : [];
  const helpsFrom = options.callerHelpsFrom ?? CALLER_HELPS_FROM;
  let renderedHere = 0;
  let reusedAhead = 0;
  let early: { specs: Map<string, string>; svgs: Promise<Map<string, string>> } | undefined;
  const close = () => {
    for (const worker of workers.splice(0)) worker.terminate();
  };
  return {
    prerender: (jobs) => {
      if (workers.length === 0 || early !== undefined) return;
      const svgs = shareOut(jobs, workers, Infinity, () => {}).then((rendered) => new Map(jobs.map(({ key }, i) => [key, rendered[i]])));
      // Awaited by render, if ever; a failure shows there.
      svgs.catch(() => undefined);
      early = { specs: new Map(jobs.map(({ key, spec }) => [key, JSON.stringify(spec)])), svgs };
    },
    render: async (jobs) => {
      renderedHere = 0;
      reusedAhead = 0;
      if (workers.length === 0) return renderInLine(jobs);
      try {
        const ahead = early;
        const reused = jobs.map(({ key, spec }) => ahead !== undefined && ahead.specs.get(key) === JSON.stringify(spec));
        const fresh = jobs.filter((_, i) => !reused[i]);
        const [earlySvgs, freshSvgs] = await Promise.all([ahead?.svgs, fresh.length > 0 ? shareOut(fresh, workers, helpsFrom, () => renderedHere++) : []]);
        let f = 0;
        reusedAhead = jobs.length - fresh.length;
        return jobs.map(({ key }, i) => (reused[i] ? earlySvgs!.get(key)! : freshSvgs[f++]));
      } catch (error) {
        reusedAhead = 0;
        onFailure(error instanceof Error ? error : new Error(String(error)));
        // A fault in rendering shows again here, with its stack, from the calling thread.
        return renderInLine(jobs);
      } finally {
        close();
      }
    },
    close,
    get renderedHere() {
      return renderedHere;
    },
    get reusedAhead() {
      return reusedAhead;
    },
    online: Promise.all(workers.map((worker) => worker.online)).then(() => undefined),
  };
}

function startWorkers(count: number): ChartWorker[] {
  const url = workerModule('render/chartWorker.js');
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return [];
  const workers: ChartWorker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(new ChartWorker(url));
  } catch {
    // Fewer threads than asked (or none) is still correct.
  }
  return workers;
}

/** Batches handed out so far in this thread: a chart thread's answers name their batch by this number. */
let batches = 0;

/** Every thread takes the next chart from the shared counter until none is left; the SVGs come back in job order. */
async function shareOut(jobs: readonly ChartJob[], workers: readonly ChartWorker[], helpsFrom: number, countHere: () => void): Promise<string[]> {
  const svgs = new Array<string>(jobs.length);
  const counters = replicateCounters();
  const batch: ChartBatch = { id: batches++, jobs, counters };
  try {
    await Promise.all([...workers.map((worker) => worker.render(batch, (index, svg) => (svgs[index] = svg))), renderHere(batch, helpsFrom, svgs, countHere)]);
  } catch (error) {
    // Nobody takes another chart: they are all rendered again in line.
    Atomics.store(counters, 0, jobs.length);
    throw error;
  }
  return svgs;
}

/** The calling thread's share, once the caller's synchronous work is done. */
async function renderHere({ jobs, counters }: ChartBatch, helpsFrom: number, svgs: string[], countHere: () => void): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (jobs.length - Atomics.load(counters, 0) < helpsFrom) return;
  const claims = sharedClaims(counters, jobs.length, 1);
  for (let index = claims.next(); index >= 0; index = claims.next()) {
    svgs[index] = await renderSvg(jobs[index].spec, { idPrefix: jobs[index].key });
    countHere();
  }
}

/** One chart thread: given batches, it renders charts from each, in turn, until none is left. */
class ChartWorker {
  private readonly worker: Worker;
  /** Set when the thread has failed or ended: it takes no more charts. */
  private stopped: Error | undefined;
  private readonly pending = new Map<number, { chart(index: number, svg: string): void; resolve(): void; reject(error: Error): void }>();
  /** Resolves when the thread runs JavaScript, or when it fails or ends first. */
  readonly online: Promise<void>;

  constructor(url: URL) {
    this.worker = new Worker(url);
    this.online = new Promise((resolve) => {
      this.worker.once('online', resolve);
      this.worker.once('error', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    // Listening from the start, so that a thread that fails before it is given a chart is no uncaught error.
    this.worker.on('message', (message: ChartWorkerMessage) => {
      const pending = this.pending.get(message.batch);
      if (pending === undefined) return;
      if (message.done) {
        this.pending.delete(message.batch);
        pending.resolve();
      } else if (message.reply.ok) {
        pending.chart(message.index, message.reply.output);
      } else {
        this.pending.delete(message.batch);
        pending.reject(new Error(`chartWorker.js: ${message.reply.error}`));
      }
    });
    this.worker.on('error', (error: Error) => this.stop(error));
    this.worker.on('exit', (code: number) => this.stop(new Error(`chartWorker.js: the thread stopped (exit code ${code})`)));
  }

  render(batch: ChartBatch, chart: (index: number, svg: string) => void): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<void>((resolve, reject) => {
      this.pending.set(batch.id, { chart, resolve, reject });
      this.worker.postMessage(batch);
    });
  }

  terminate(): void {
    this.stop(new Error('chartWorker.js: closed'));
    void this.worker.terminate();
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const pending of this.pending.values()) pending.reject(this.stopped);
    this.pending.clear();
  }
}
