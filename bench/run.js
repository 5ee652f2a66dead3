#!/usr/bin/env node
// `npm run bench`: end-to-end wall time and peak memory of `eval run` on the
// bundled fixture and on synthetic extracts (generated once with
// `eval simulate`, cached in .bench-cache/). Prints figures; asserts nothing,
// so a noisy machine never fails a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'eval.js');
const cache = join(root, '.bench-cache');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').filter(Boolean).map(Number);

function simulated(n) {
  const dir = join(cache, `sim-${n}-seed-1`);
  if (!existsSync(join(dir, 'eval.config.json'))) {
    process.stderr.write(`generating a ${n}-person extract in ${dir}\n`);
    const result = spawnSync(process.execPath, [cli, 'simulate', '--n', String(n), '--seed', '1', '--out', dir, '-q'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`eval simulate failed for n = ${n}`);
  }
  return dir;
}

function timeRun(dir, flags = []) {
  const out = mkdtempSync(join(tmpdir(), 'effekt-bench-'));
  const rssFile = join(out, 'rss');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(root, 'bench', 'rss-hook.js'), cli, 'run', dir, '--out', join(out, 'report'), '-q', ...flags], {
    env: { ...process.env, EFFEKT_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`eval run ${dir} exited with ${result.status}`);
  const rss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return { seconds, rss };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The inference issue's case: ols with the config's covariates and block
// fixed effects, BCa intervals, 2000 permutations for every p-value.
const OLS = ['--estimator', 'ols', '--ci', 'bca', '--permutations', '2000'];
const cases = [
  { name: 'fixture (1,063 persons, B = 2000)', dir: join(root, 'fixtures', 'ae-trial'), target: '< 2 s' },
  { name: 'fixture, ols + BCa + 2000 permutations', dir: join(root, 'fixtures', 'ae-trial'), flags: OLS, target: '< 3 s' },
  ...sizes.flatMap((n) => [
    { name: `synthetic ${n.toLocaleString('en')} persons (B = 2000)`, dir: simulated(n), target: n === 100000 ? '< 30 s, < 2 GiB' : '' },
    ...(n === 100000 ? [{ name: `synthetic ${n.toLocaleString('en')}, ols + BCa + 2000 perm.`, dir: simulated(n), flags: OLS, target: '< 60 s' }] : []),
  ]),
];

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${runs} runs per case, median wall time, peak RSS`);
console.log('case'.padEnd(44) + 'wall (s)'.padStart(10) + 'peak RSS (MiB)'.padStart(16) + '   target');
for (const c of cases) {
  const measured = Array.from({ length: runs }, () => timeRun(c.dir, c.flags));
  const wall = median(measured.map((m) => m.seconds));
  const rss = Math.max(...measured.map((m) => m.rss)) / 2 ** 20;
  console.log(c.name.padEnd(44) + wall.toFixed(2).padStart(10) + rss.toFixed(0).padStart(16) + `   ${c.target}`);
}
