/**
 * A worker thread that computes one job beside the main thread: started
 * early (so it loads its modules while the main thread reads files), given
 * its input once, then terminated. Pure jobs only: a job computes exactly
 * what its in-line function would, so results do not depend on whether a
 * worker ran, whatever the number of threads.
 *
 * Workers run compiled modules (dist/…); from the TypeScript sources (the
 * tests) there is no such module and `startWorker` returns null, as it does
 * when no thread can be had: the caller then computes in line.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, parentPort } from 'node:worker_threads';

export interface OneShotWorker<Input, Output> {
  /** The job's result, computed in the worker; call once. */
  run(input: Input): Promise<Output>;
  /** Ends the worker (also when run was never called). */
  close(): void;
}

/** The worker's reply: the output, or the error it met. */
export type WorkerReply<Output> = { ok: true; output: Output } | { ok: false; error: string };

/** EFFEKT_THREADS=1 keeps every job on the main thread (for checks that results do not depend on threads). */
export function workersAllowed(): boolean {
  return process.env.EFFEKT_THREADS !== '1';
}

export function startWorker<Input, Output>(url: URL, name: string): OneShotWorker<Input, Output> | null {
  if (!workersAllowed()) return null;
  if (!url.pathname.endsWith('.js') || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch {
    return null;
  }
  let closed = false;
  return {
    run: (input) =>
      new Promise<Output>((resolve, reject) => {
        worker.once('message', (reply: WorkerReply<Output>) => (reply.ok ? resolve(reply.output) : reject(new Error(`${name}: ${reply.error}`))));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`${name}: the worker stopped (exit code ${code})`)));
        worker.postMessage(input);
      }),
    close: () => {
      if (closed) return;
      closed = true;
      void worker.terminate();
    },
  };
}

/** What a worker sends back of an error it met: the stack where there is one. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The worker side: answers one message with `job(input)` (or the error). */
export function serveOneJob<Input, Output>(job: (input: Input) => Output, name: string): void {
  const port = parentPort;
  if (port === null) throw new Error(`${name} runs as a worker thread only`);
  port.once('message', (input: Input) => {
    let reply: WorkerReply<Output>;
    try {
      reply = { ok: true, output: job(input) };
    } catch (error) {
      reply = { ok: false, error: errorText(error) };
    }
    port.postMessage(reply);
  });
}
