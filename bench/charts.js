#!/usr/bin/env node
// `node bench/charts.js [report-dir]`: what the report's charts cost to
// render, chart by chart: loading Vega, the first render in a fresh process
// (cold: Vega's code not yet compiled) and later renders (warm), split into
// Vega-Lite compile, Vega parse and SVG rendering. The specs are the
// charts/*.vl.json of a report (default: the bundled fixture's, made first).
// Prints figures; asserts nothing.
//
//   BENCH_RUNS=5   fresh processes per chart (the median is printed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const WARM_RENDERS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (process.argv[2] === '--child') {
  // One fresh process: load Vega, render the given chart once cold, then warm.
  const [, , , specFile, key] = process.argv;
  const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { vegaModules } = await dist('render/vegaModules.js');
  const { normaliseSvgIds } = await dist('render/normaliseSvgIds.js');
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  let start = performance.now();
  const { vega, vegaLite } = vegaModules();
  vega.textMetrics.canvas(false);
  const load = performance.now() - start;
  // The steps of renderSvg, timed one by one.
  const render = async () => {
    const t0 = performance.now();
    const compiled = vegaLite.compile(spec).spec;
    const t1 = performance.now();
    const runtime = vega.parse(compiled);
    const t2 = performance.now();
    const view = new vega.View(runtime, { renderer: 'none' });
    normaliseSvgIds(await view.toSVG(), key);
    view.finalize();
    const t3 = performance.now();
    return { compile: t1 - t0, parse: t2 - t1, svg: t3 - t2, total: t3 - t0 };
  };
  const cold = await render();
  const warm = [];
  for (let i = 0; i < WARM_RENDERS; i++) warm.push(await render());
  process.stdout.write(JSON.stringify({ load, cold, warm: Object.fromEntries(Object.keys(cold).map((k) => [k, median(warm.map((w) => w[k]))])) }));
  process.exit(0);
}

let reportDir = process.argv[2];
let scratch;
if (reportDir === undefined) {
  scratch = mkdtempSync(join(tmpdir(), 'effekt-charts-'));
  reportDir = join(scratch, 'report');
  const made = spawnSync(process.execPath, [join(root, 'bin', 'eval.js'), 'run', join(root, 'fixtures', 'ae-trial'), '--out', reportDir, '-q'], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('eval run of the fixture failed');
}
const chartsDir = join(reportDir, 'charts');
if (!existsSync(chartsDir)) throw new Error(`no charts/ in ${reportDir}`);
const keys = readdirSync(chartsDir).filter((f) => f.endsWith('.vl.json')).map((f) => f.slice(0, -'.vl.json'.length));

console.log(`chart rendering, ${runs} fresh processes per chart (medians, ms); cold = first render in the process, warm = median of the next ${WARM_RENDERS}`);
console.log('chart'.padEnd(18) + 'load'.padStart(7) + '  │' + ' compile   parse     svg   total'.padStart(33) + '  │' + ' compile   parse     svg   total'.padStart(33));
console.log(''.padEnd(18) + ''.padStart(7) + '  │' + 'cold'.padStart(33) + '  │' + 'warm'.padStart(33));
const sums = { cold: 0, warm: 0 };
for (const key of keys) {
  const measured = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', join(chartsDir, `${key}.vl.json`), key], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`rendering ${key} failed: ${child.stderr}`);
    return JSON.parse(child.stdout);
  });
  const column = (phase) => ['compile', 'parse', 'svg', 'total'].map((step) => median(measured.map((m) => m[phase][step])).toFixed(1).padStart(8)).join('');
  sums.cold += median(measured.map((m) => m.cold.total));
  sums.warm += median(measured.map((m) => m.warm.total));
  console.log(key.padEnd(18) + median(measured.map((m) => m.load)).toFixed(0).padStart(7) + '  │' + column('cold') + '  │' + column('warm'));
}
console.log(`all ${keys.length} charts: cold ${sums.cold.toFixed(0)} ms (each the first in its process, so an upper bound), warm ${sums.warm.toFixed(0)} ms`);
if (scratch) rmSync(scratch, { recursive: true, force: true });
