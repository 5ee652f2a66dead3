/**
 * Worker-thread entry of the chart threads (chartThreads.ts). Vega is loaded
 * as the thread starts, so that the load overlaps the analysis on the main
 * thread; then, for each batch it is sent (one after the other), it takes
 * charts from the batch's shared counter and answers each one until none
 * is left.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { ChartBatch, ChartWorkerMessage } from './chartRendering.js';
import { renderSvg } from './renderSvg.js';
import { vegaModules } from './vegaModules.js';

const port = parentPort;
if (port === null) throw new Error('chartWorker.js runs as a worker thread only');
vegaModules();
let queue = Promise.resolve();
port.on('message', ({ id, jobs, claims }: ChartBatch) => {
  queue = queue.then(() => renderClaimed(port, id, jobs, new Int32Array(claims))).then(() => port.postMessage({ batch: id, done: true } satisfies ChartWorkerMessage));
});

async function renderClaimed(port: MessagePort, batch: number, jobs: ChartBatch['jobs'], next: Int32Array): Promise<void> {
  for (let index = Atomics.add(next, 0, 1); index < jobs.length; index = Atomics.add(next, 0, 1)) {
    const { key, spec } = jobs[index];
    try {
      port.postMessage({ batch, done: false, index, reply: { ok: true, output: await renderSvg(spec, { idPrefix: key }) } } satisfies ChartWorkerMessage);
    } catch (error) {
      port.postMessage({ batch, done: false, index, reply: { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } } satisfies ChartWorkerMessage);
      return;
    }
  }
}
