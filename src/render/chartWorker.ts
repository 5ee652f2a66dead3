/**
 * Worker-thread entry of the chart threads (chartThreads.ts). Vega is loaded
 * as the thread starts, so that the load overlaps the analysis on the main
 * thread; then each chart it is sent is rendered and answered, one at a time.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from '../threads/oneShotWorker.js';
import type { ChartJob } from './chartRendering.js';
import { renderSvg } from './renderSvg.js';
import { vegaModules } from './vegaModules.js';

const port = parentPort;
if (port === null) throw new Error('chartWorker.js runs as a worker thread only');
vegaModules();
port.on('message', ({ key, spec }: ChartJob) => {
  renderSvg(spec, { idPrefix: key })
    .then(
      (svg): WorkerReply<string> => ({ ok: true, output: svg }),
      (error: unknown): WorkerReply<string> => ({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .then((reply) => port.postMessage(reply));
});
