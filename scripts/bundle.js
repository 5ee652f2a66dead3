#!/usr/bin/env node
// `npm run build` (after tsc): bundles the command and its worker threads
// from dist/ into dist/cli-bundle/, which bin/eval.js runs. Each thread
// then loads a few files instead of a few hundred modules (see
// src/files/distFile.ts). The dependencies stay in node_modules, the
// library entry stays dist/index.js, and the code is what tsc emitted:
// not minified, so stack traces still name functions.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const outdir = join(dist, 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: join(dist, 'cli/main.js'),
    estimateWorker: join(dist, 'estimate/estimateWorker.js'),
    sectionsWorker: join(dist, 'composition/sectionsWorker.js'),
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
