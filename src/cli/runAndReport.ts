/**
 * The body of `eval run`: analysis, report, summary. Kept apart from the
 * command's definition so that only this command loads the pipeline.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { ConfigInput } from '../config/types.js';
import { startChartThreads } from '../render/chartThreads.js';
import type { Results } from '../results.js';
import type { RunFlags } from './runCommand.js';
import { StageTimes } from './stageTimes.js';
import { oneLine, paint, progress, say } from './terminal.js';

export interface RunRequest {
  inputDir: string;
  out: string;
  flags: RunFlags;
  overrides: ConfigInput;
  /** performance.now() when the command started. */
  startup: number;
}

export async function runAndReport({ inputDir, out, flags, overrides, startup }: RunRequest): Promise<void> {
  const times = StageTimes.fromEnvironment();
  times.add('startup', startup);
  // First of all, so that Vega loads on the other core while the modules below load and the analysis runs.
  const chartThreads = startChartThreads(chartThreadCount(), (error) => {
    if (!flags.quiet) progress(`the chart threads failed (${oneLine(error.message)}): rendering here`);
  });
  try {
    const [{ locateInputs }, { runAnalysis }] = await times.time('modules', () => Promise.all([import('../pipeline/inputs.js'), import('../pipeline/runAnalysis.js'), chartThreads.online]));
    compileInLine();
    // Loaded while the analysis waits for its worker threads (a failure shows where it is awaited, not before a data error).
    const reportModules = import('../report/index.js');
    let report: Awaited<typeof reportModules> | undefined;
    reportModules.then((loaded) => (report = loaded)).catch(() => undefined);
    const results = await runAnalysis(locateInputs(inputDir, flags), {
      overrides,
      onProgress: flags.quiet ? undefined : progress,
      disclosureControl: flags.disclosureControl !== false,
      onStage: times.listener,
      // The charts of the parts already final are drawn while the effects' intervals are computed; buildReportFiles checks them against the final specs.
      onProvisional: (partial) => {
        if (report === undefined) return;
        let specs;
        try {
          specs = report.chartSpecs(partial);
        } catch {
          // For speed only: a spec that cannot be built shows where the final charts are built.
          return;
        }
        chartThreads.prerender([...specs].map(([key, spec]) => ({ key, spec })));
      },
    });
    if (!flags.quiet) progress('rendering charts and report');
    const { buildReportFiles, resultsJson, writeReportDir } = await times.time('modules', () => reportModules);
    const outputs = await buildReportFiles(results, { rendering: chartThreads.render, onStage: times.listener });
    await times.time('write', () => writeReportDir(out, outputs));
    if (!flags.quiet) summarize(results, out);
    if (flags.json) process.stdout.write(resultsJson(results));
  } finally {
    chartThreads.close();
  }
  times.write();
}

/**
 * Threads started from here on (the estimate worker) have V8 compile on
 * the thread that asks instead of on background threads; the flag is read
 * when a thread's V8 is set up, so the main thread and the chart threads,
 * set up before, keep compiling in the background (`node --trace-opt`
 * shows the worker's compiles synchronous, the others' concurrent). The
 * analysis keeps both cores busy and the worker runs most of its code only
 * once, so a function waited, slow, for a compile that itself waited for a
 * core: the ols fixture's estimate stage went from 1447 to 1293 ms (means
 * of 6 alternating runs) and the run from 2154 to 2001 ms. Set before the
 * chart threads start, the flag made the run wait about 100 ms longer for
 * the charts at the end, Vega being compiled in line. Results are the same
 * either way.
 */
function compileInLine(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

/** EFFEKT_CHART_THREADS=n sets the number of chart threads (for measurements); 0 renders on the main thread. */
function chartThreadCount(): number | undefined {
  const text = process.env.EFFEKT_CHART_THREADS;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function summarize(results: Results, out: string): void {
  const { primaryOutcome, primaryMonth } = results.config;
  const rows = results.shares.filter((r) => r.outcome === primaryOutcome && r.subgroup === 'all' && r.month === primaryMonth);
  const shown = rows.map((r) => `${r.arm} ${r.share === null ? 'suppressed' : `${(100 * r.share).toFixed(1)} %`}`).join(', ');
  say(`${paint.bold(`${primaryOutcome} at month ${primaryMonth}`)}: ${shown}`);
  for (const warning of results.warnings) say(paint.yellow(`warning: ${warning}`));
  say(paint.green(`wrote ${join(out, 'report.html')}`));
}
