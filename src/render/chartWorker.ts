/**
 * Worker-thread entry of the chart threads (chartThreads.ts). Vega is loaded
 * as the thread starts, so that the load overlaps the analysis on the main
 * thread; then, for each batch it is sent (one after the other), it takes
 * charts from the batch's shared counter and answers each one until none
 * is left.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { errorText } from '../threads/oneShotWorker.js';
import { sharedClaims } from '../threads/replicateClaims.js';
import type { ChartBatch, ChartWorkerMessage } from './chartRendering.js';
import { renderSvg } from './renderSvg.js';
import { vegaModules } from './vegaModules.js';

const port = parentPort;
if (port === null) throw new Error('chartWorker.js runs as a worker thread only');
vegaModules();
let queue = Promise.resolve();
port.on('message', ({ id, jobs, counters }: ChartBatch) => {
  queue = queue.then(() => renderClaimed(port, id, jobs, counters)).then(() => port.postMessage({ batch: id, done: true } satisfies ChartWorkerMessage));
});

async function renderClaimed(port: MessagePort, batch: number, jobs: ChartBatch['jobs'], counters: Int32Array): Promise<void> {
  const claims = sharedClaims(counters, jobs.length, 1);
  for (let index = claims.next(); index >= 0; index = claims.next()) {
    const { key, spec } = jobs[index];
    try {
      port.postMessage({ batch, done: false, index, reply: { ok: true, output: await renderSvg(spec, { idPrefix: key }) } } satisfies ChartWorkerMessage);
    } catch (error) {
      port.postMessage({ batch, done: false, index, reply: { ok: false, error: errorText(error) } } satisfies ChartWorkerMessage);
      return;
    }
  }
}
