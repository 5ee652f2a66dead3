/**
 * Worker-thread entry of analysisSections(): receives one SectionsInput,
 * replies with the sections (or the error) and waits to be terminated.
 */
import { parentPort } from 'node:worker_threads';
import { analysisSections, type SectionsInput, type SectionsReply } from './analysisSections.js';

const port = parentPort;
if (port === null) throw new Error('sectionsWorker.js runs as a worker thread only');
port.once('message', (input: SectionsInput) => {
  let reply: SectionsReply;
  try {
    reply = { ok: true, output: analysisSections(input) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
