#!/usr/bin/env node
// The `eval` / `effekt` command. `npm install` builds it (the package's
// prepare script): tsc compiles src/ to dist/, and scripts/bundle.js bundles
// the command from there into dist/cli-bundle/, which loads faster. Without
// the bundle, or with a bundle older than dist/ (tsc run alone since), the
// command runs from dist/.
import { statSync } from 'node:fs';

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
