/**
 * Files of the built package located from the running code, in either of
 * its two builds:
 *  - dist/ (tsc): one module per source file, in its stage folder; what the
 *    library entry and the tests use;
 *  - dist/cli-bundle/ (scripts/bundle.js): the command and its worker
 *    threads bundled into a few files side by side. Loading a few hundred
 *    small modules costs each thread about 70 ms of a CPU (resolving,
 *    reading, linking), paid by the main thread and by each worker on the
 *    two cores the analysis needs; the bundle loads in about half that.
 * The bundler defines EFFEKT_BUNDLED; in dist/ it stays undeclared.
 */
declare const EFFEKT_BUNDLED: boolean | undefined;

const bundled = typeof EFFEKT_BUNDLED !== 'undefined' && EFFEKT_BUNDLED === true;

/** The entry module of a worker thread, named by its path under dist/. */
export function workerModule(path: 'estimate/estimateWorker.js' | 'render/chartWorker.js'): URL {
  // dist/files/ and dist/cli-bundle/ are both one level below dist/.
  return new URL(bundled ? `./${path.slice(path.lastIndexOf('/') + 1)}` : `../${path}`, import.meta.url);
}

/** package.json, one level above dist/. */
export function packageFile(): URL {
  return new URL('../../package.json', import.meta.url);
}
