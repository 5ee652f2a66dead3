#!/usr/bin/env node
// The `eval` / `effekt` command. `npm install` builds it (the package's
// prepare script): tsc compiles src/ to dist/, and scripts/bundle.js bundles
// the command from there into dist/cli-bundle/, which loads faster. Without
// the bundle, or with a bundle older than dist/ (tsc run alone since), the
// command runs from dist/.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 compiles hot functions on background threads by default. A run keeps
// every core busy, and most of its code runs only once, so a function
// waited, slow, for a compile that itself waited for a core: compiling on
// the thread that asked instead lowered the ols fixture from 2.20 to
// 2.09 s (median of 6 alternating runs; 3.88 to 3.60 s of CPU), and
// 1,000,000 persons from 33.7 to 32.7 s (one pair). Flags are the
// process's, so the worker threads started later compile the same way;
// results are the same either way (the reports are byte-identical).
setFlagsFromString('--no-concurrent-recompilation');

const bundle = new URL('../dist/cli-bundle/main.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const entry = modified(bundle) >= modified(modules) ? bundle : modules;
let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('effekt is not built: run `npm install` (or `npm run build`) in the repository first.\n');
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv);
