/**
 * Every file of a report directory, as relative path → content. Nothing here
 * touches the disk (writeReportDir does), and nothing depends on time or
 * place, so the same Results give byte-identical files.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { assertDisclosureControlled, publicationMarkerFiles } from '../disclosure/index.js';
import type { ChartRendering } from '../render/chartRendering.js';
import { chartSpecs, renderCharts } from './charts.js';
import { effectTablesCsv, interactionTablesCsv, personOutcomeTablesCsv, shareTablesCsv } from './csvTables.js';
import type { ReportCharts } from './document.js';
import { reportDocument } from './reportDocument.js';
import { reportHtml } from './reportHtml.js';
import { reportMarkdown } from './reportMarkdown.js';
import { resultsJson } from './resultsJson.js';

export const REPORT_FILES = {
  results: 'results.json',
  html: 'report.html',
  markdown: 'report.md',
  shares: 'tables/shares.csv',
  effects: 'tables/effects.csv',
  interactions: 'tables/interactions.csv',
  personOutcomes: 'tables/person_outcomes.csv',
} as const;

export interface BuildOptions {
  /** Where the charts are rendered (default: on this thread; the CLI uses chart threads). */
  rendering?: ChartRendering;
  /**
   * Wall time spent here on `report` (the text files) and waiting for
   * `charts`, for benchmarks.
   */
  onStage?: (stage: string, milliseconds: number) => void;
}

export async function buildReportFiles(results: Results, options: BuildOptions = {}): Promise<Map<string, string>> {
  const onStage = options.onStage ?? (() => {});
  let since = performance.now();
  const lap = (stage: string) => {
    onStage(stage, performance.now() - since);
    since = performance.now();
  };
  // First, so that uncontrolled values stop the run before any rendering.
  assertDisclosureControlled(results);
  // Rendering starts now, and the text files are built while chart threads work.
  const charts = startCharts(results, options.rendering);
  // Non-finite values stop the run here, before any fault of the charts is heard of.
  const json = resultsJson(results);
  const doc = reportDocument(results);
  const tables = [
    [REPORT_FILES.shares, shareTablesCsv(results)],
    [REPORT_FILES.effects, effectTablesCsv(results)],
    // Written when the results have the section, so a run without it has no empty file to explain.
    [REPORT_FILES.interactions, interactionTablesCsv(results)],
    [REPORT_FILES.personOutcomes, personOutcomeTablesCsv(results)],
  ] as const;
  const specTexts = new Map([...charts.specs].map(([key, spec]) => [key, JSON.stringify(spec, null, 2) + '\n']));
  lap('report');
  const rendered = await charts.rendered;
  lap('charts');
  const files = new Map<string, string>([
    [REPORT_FILES.results, json],
    [REPORT_FILES.html, reportHtml(results, rendered, doc)],
    [REPORT_FILES.markdown, reportMarkdown(results, rendered, doc)],
  ]);
  for (const [file, text] of tables) if (text !== null) files.set(file, text);
  for (const [key, specText] of specTexts) {
    files.set(`charts/${key}.vl.json`, specText);
    files.set(rendered[key].file, rendered[key].svg + '\n');
  }
  for (const [file, text] of publicationMarkerFiles(results)) files.set(file, text);
  lap('report');
  return files;
}

/**
 * The specs, handed to the renderer at once. Never throws: a fault in
 * building or rendering them surfaces where the charts are awaited.
 */
function startCharts(results: Results, rendering: ChartRendering | undefined): { specs: Map<string, TopLevelSpec>; rendered: Promise<ReportCharts> } {
  let specs = new Map<string, TopLevelSpec>();
  let rendered: Promise<ReportCharts>;
  try {
    specs = chartSpecs(results);
    rendered = renderCharts(specs, rendering);
  } catch (error) {
    rendered = Promise.reject(error);
  }
  // Awaited later; until then a rejection is not unhandled.
  rendered.catch(() => undefined);
  return { specs, rendered };
}
