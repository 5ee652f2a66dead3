/**
 * Charts rendered on worker threads started ahead of need. Vega takes a good
 * part of a second to load and rendering a chart the first time is slow
 * (its code is still cold), so threads started when a run begins have Vega
 * loaded by the time the results are ready; where there are several, they
 * share the charts (each takes the next chart when it is done with one).
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
import { workersAllowed, type WorkerReply } from '../threads/oneShotWorker.js';
import { renderInLine, type ChartJob, type ChartRendering } from './chartRendering.js';

export interface ChartThreads {
  /** Renders the charts; call once. */
  render: ChartRendering;
  /** Ends the threads, also when render was never called. */
  close(): void;
}

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
export function startChartThreads(count = defaultChartThreads(), onFailure: (error: Error) => void = () => {}): ChartThreads {
  const workers = workersAllowed() ? startWorkers(count) : [];
  const close = () => {
    for (const worker of workers.splice(0)) worker.terminate();
  };
  return {
    render: async (jobs) => {
      if (workers.length === 0) return renderInLine(jobs);
      try {
        return await shareOut(jobs, workers);
      } catch (error) {
        onFailure(error instanceof Error ? error : new Error(String(error)));
        // A fault in rendering shows again here, with its stack, from the calling thread.
        return renderInLine(jobs);
      } finally {
        close();
      }
    },
    close,
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

/** Each thread takes the next chart as soon as it is free; the SVGs come back in job order. */
async function shareOut(jobs: readonly ChartJob[], workers: readonly ChartWorker[]): Promise<string[]> {
  const svgs = new Array<string>(jobs.length);
  let next = 0;
  const drain = async (worker: ChartWorker) => {
    while (next < jobs.length) {
      const index = next++;
      svgs[index] = await worker.render(jobs[index]);
    }
  };
  await Promise.all(workers.map(drain));
  return svgs;
}

/** One chart thread, one chart at a time. */
class ChartWorker {
  private readonly worker: Worker;
  /** Set when the thread has failed or ended: it takes no more charts. */
  private stopped: Error | undefined;
  private pending: { resolve(svg: string): void; reject(error: Error): void } | undefined;

  constructor(url: URL) {
    this.worker = new Worker(url);
    // Listening from the start, so that a thread that fails before it is given a chart is no uncaught error.
    this.worker.on('message', (reply: WorkerReply<string>) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.ok) pending?.resolve(reply.output);
      else pending?.reject(new Error(`chartWorker.js: ${reply.error}`));
    });
    this.worker.on('error', (error: Error) => this.stop(error));
    this.worker.on('exit', (code: number) => this.stop(new Error(`chartWorker.js: the thread stopped (exit code ${code})`)));
  }

  render(job: ChartJob): Promise<string> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(job);
    });
  }

  terminate(): void {
    this.stop(new Error('chartWorker.js: closed'));
    void this.worker.terminate();
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.stopped);
  }
}
