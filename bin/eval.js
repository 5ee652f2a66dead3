#!/usr/bin/env node
// The `eval` / `effekt` command. The TypeScript sources are compiled to
// dist/ by `npm install` (the package's prepare script).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('effekt is not built: run `npm install` (or `npm run build`) in the repository first.\n');
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv);
