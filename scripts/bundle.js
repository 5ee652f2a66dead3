#!/usr/bin/env node
// `npm run build` (after tsc): bundles the command and its worker threads
// from dist/ into dist/cli-bundle/, which bin/eval.js runs. Each thread
// then loads a few files instead of a few hundred modules (see
// src/files/distFile.ts). The dependencies stay in node_modules, the
// library entry stays dist/index.js, and the code is what tsc emitted:
// not minified, so stack traces still name functions.
//
// Vega and Vega-Lite go into one CommonJS file of their own, vega.cjs, with
// V8's code cache beside it (scripts/vegaCodeCache.js): the chart threads
// load it through src/render/vegaModules.ts.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: join(dist, 'cli/main.js'),
    estimateWorker: join(dist, 'estimate/estimateWorker.js'),
    chartWorker: join(dist, 'render/chartWorker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { EFFEKT_BUNDLED: 'true' },
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
});
await build({
  stdin: { contents: "module.exports = { vega: require('vega'), vegaLite: require('vega-lite') };", resolveDir: root, sourcefile: 'vega-entry.cjs', loader: 'js' },
  outfile: join(outdir, 'vega.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // vega-canvas requires it only if installed, inside a try: left to the run.
  external: ['canvas'],
  logLevel: 'warning',
});
execFileSync(process.execPath, [join(root, 'scripts', 'vegaCodeCache.js')], { stdio: 'inherit' });
