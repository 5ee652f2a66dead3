#!/usr/bin/env node
// `npm run bench`: end-to-end wall time, peak memory and throughput of
// `eval run` on the bundled fixture and on synthetic extracts (generated once
// with `eval simulate`, cached in .bench-cache/), with a breakdown by stage
// so that a regression can be traced to its stage. Prints figures and
// whether each target is met; asserts nothing, so a noisy machine never
// fails a build.
//
//   BENCH_SIZES=100000,1000000   synthetic extracts to run ('' for the fixture only)
//   BENCH_RUNS=3                 runs per case (the median is printed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'eval.js');
const cache = join(root, '.bench-cache');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').filter(Boolean).map(Number);
const GiB = 2 ** 30;

function simulated(n) {
  const dir = join(cache, `sim-${n}-seed-1`);
  if (!existsSync(join(dir, 'eval.config.json'))) {
    process.stderr.write(`generating a ${n.toLocaleString('en')}-person extract in ${dir}\n`);
    const result = spawnSync(process.execPath, [cli, 'simulate', '--n', String(n), '--seed', '1', '--out', dir, '-q'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`eval simulate failed for n = ${n}`);
  }
  return dir;
}

/** One `eval run` in a child process: wall time, peak RSS, the CLI's stage times and the sizes the throughputs need. */
function timeRun(dir, flags = []) {
  const out = mkdtempSync(join(tmpdir(), 'effekt-bench-'));
  const rssFile = join(out, 'rss');
  const stagesFile = join(out, 'stages.json');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(root, 'bench', 'rss-hook.js'), cli, 'run', dir, '--out', join(out, 'report'), '-q', ...flags], {
    env: { ...process.env, EFFEKT_RSS_FILE: rssFile, EFFEKT_STAGE_TIMES: stagesFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`eval run ${dir} exited with ${result.status}`);
  const rss = Number(readFileSync(rssFile, 'utf8'));
  const stages = {};
  const bytes = {};
  const times = JSON.parse(readFileSync(stagesFile, 'utf8'));
  for (const s of times.stages) {
    stages[s.stage] = s.milliseconds / 1000;
    if (s.bytes !== undefined) bytes[s.stage] = s.bytes;
  }
  const results = JSON.parse(readFileSync(join(out, 'report', 'results.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  const readStages = Object.keys(stages).filter((s) => s.startsWith('read.'));
  const readSeconds = readStages.reduce((sum, s) => sum + stages[s], 0);
  const inputBytes = readStages.reduce((sum, s) => sum + (bytes[s] ?? 0), 0);
  const personMonths = results.inputs.participants.rows * results.censoring.length * Object.keys(results.config.outcomes).length;
  const accounted = Object.values(stages).reduce((sum, s) => sum + s, 0);
  return {
    seconds,
    rss,
    stages,
    // Between stages, and outside the process's own clock: spawning it, and its exit after the report is written.
    unaccounted: seconds - accounted,
    exit: seconds - times.total_milliseconds / 1000,
    readMBs: inputBytes / 1e6 / readSeconds,
    personMonthsPerSecond: personMonths / (stages.panel ?? NaN),
    replicatesPerSecond: results.config.bootstrap.replicates / (stages.estimate ?? NaN),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// The inference issue's case: ols with the config's covariates and block
// fixed effects, BCa intervals, 2000 permutations for every p-value.
const OLS = ['--estimator', 'ols', '--ci', 'bca', '--permutations', '2000'];
const fixture = join(root, 'fixtures', 'ae-trial');
const cases = [
  { name: 'fixture (1,063 persons, B = 2000)', dir: fixture, wall: 0.4 },
  { name: 'fixture, ols + BCa + 2000 permutations', dir: fixture, flags: OLS, wall: 3 },
  ...sizes.flatMap((n) => {
    const persons = n.toLocaleString('en');
    const targets = { 100000: { wall: 3, rss: 1 * GiB }, 1000000: { wall: 30, rss: 4 * GiB } }[n] ?? {};
    return [
      { name: `synthetic ${persons} persons (B = 2000)`, dir: simulated(n), ...targets },
      ...(n === 100000 ? [{ name: `synthetic ${persons}, ols + BCa + 2000 perm.`, dir: simulated(n), flags: OLS, wall: 20, rss: 2 * GiB }] : []),
    ];
  }),
];

const cpu = cpus();
console.log(`machine: ${cpu.length} cores × ${cpu[0]?.model ?? 'unknown cpu'}, ${(totalmem() / GiB).toFixed(1)} GiB memory, node ${process.version}, ${process.platform}-${process.arch}`);
console.log(`load average before the runs ${loadavg().map((l) => l.toFixed(2)).join(', ')} (other work on the machine shows in the figures)`);
console.log(`${runs} run${runs === 1 ? '' : 's'} per case: median wall time and throughputs, peak RSS the highest of the runs, stages the median of each.`);

const met = (value, target) => (target === undefined ? '' : value <= target ? '  met' : '  NOT MET');
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const rate = (value) => (Number.isFinite(value) ? (value >= 1e6 ? `${(value / 1e6).toFixed(1)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(0)) : '–');

const summary = [];
for (const c of cases) {
  const measured = Array.from({ length: runs }, () => timeRun(c.dir, c.flags));
  const wall = median(measured.map((m) => m.seconds));
  const rss = Math.max(...measured.map((m) => m.rss));
  summary.push({ ...c, measuredWall: wall, measuredRss: rss });
  console.log(`\n${c.name}`);
  console.log(`  wall       ${fixed(wall, 2).padStart(8)} s    target ≤ ${c.wall} s${met(wall, c.wall)}   (runs: ${measured.map((m) => m.seconds.toFixed(2)).join(', ')})`);
  console.log(`  peak RSS   ${fixed(rss / 2 ** 20, 0).padStart(8)} MiB  ${c.rss === undefined ? '' : `target ≤ ${c.rss / GiB} GiB${met(rss, c.rss)}`}`);
  console.log(`  read       ${fixed(median(measured.map((m) => m.readMBs)), 1).padStart(8)} MB/s`);
  console.log(`  panel      ${rate(median(measured.map((m) => m.personMonthsPerSecond))).padStart(8)} person-months/s (persons × months × outcomes)`);
  console.log(`  bootstrap  ${rate(median(measured.map((m) => m.replicatesPerSecond))).padStart(8)} replicates/s (B / main-thread estimate stage)`);
  const names = [...new Set(measured.flatMap((m) => Object.keys(m.stages)))];
  const parts = names.map((name) => [name, median(measured.map((m) => m.stages[name] ?? 0))]);
  parts.push(['(unaccounted)', median(measured.map((m) => m.unaccounted))]);
  console.log('  stages (s, share of wall):');
  for (const [name, seconds] of parts) {
    if (seconds < 0.0005) continue;
    console.log(`    ${name.padEnd(20)}${seconds.toFixed(3).padStart(8)}${`${((100 * seconds) / wall).toFixed(0)} %`.padStart(7)}`);
  }
  console.log(`    of which spawn and exit ${median(measured.map((m) => m.exit)).toFixed(3)} s`);
}

console.log('\nsummary');
for (const c of summary) {
  const memory = c.rss === undefined ? '' : `, ${(c.measuredRss / GiB).toFixed(2)} GiB (≤ ${c.rss / GiB} GiB${met(c.measuredRss, c.rss)})`;
  console.log(`  ${c.name.padEnd(44)} ${fixed(c.measuredWall, 2).padStart(7)} s (≤ ${c.wall} s${met(c.measuredWall, c.wall)})${memory}`);
}
