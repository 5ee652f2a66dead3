/**
 * Every file of a report directory, as relative path → content. Nothing here
 * touches the disk (writeReportDir does), and nothing depends on time or
 * place, so the same Results give byte-identical files.
 */
import type { TopLevelSpec } from 'vega-lite';
import { figure1Spec } from '../render/figure1Spec.js';
import { monthlySpec } from '../render/monthlySpec.js';
import { renderSvg } from '../render/renderSvg.js';
import type { Results } from '../results.js';
import { effectTablesCsv, shareTablesCsv } from './csvTables.js';
import type { ReportCharts } from './document.js';
import { reportHtml } from './reportHtml.js';
import { reportMarkdown } from './reportMarkdown.js';
import { resultsJson } from './resultsJson.js';

export const REPORT_FILES = {
  results: 'results.json',
  html: 'report.html',
  markdown: 'report.md',
  shares: 'tables/shares.csv',
  effects: 'tables/effects.csv',
  figure1Spec: 'charts/figure1.vl.json',
  figure1Svg: 'charts/figure1.svg',
  monthlySpec: 'charts/monthly.vl.json',
  monthlySvg: 'charts/monthly.svg',
} as const;

export async function buildReportFiles(results: Results): Promise<Map<string, string>> {
  // First, so that a non-finite number stops the run before any rendering.
  const json = resultsJson(results);
  const figure1 = figure1Spec(results);
  const monthly = monthlySpec(results);
  const charts: ReportCharts = {
    figure1Svg: await renderSvg(figure1, { idPrefix: 'figure1' }),
    monthlySvg: await renderSvg(monthly, { idPrefix: 'monthly' }),
    figure1File: REPORT_FILES.figure1Svg,
    monthlyFile: REPORT_FILES.monthlySvg,
  };
  return new Map<string, string>([
    [REPORT_FILES.results, json],
    [REPORT_FILES.html, reportHtml(results, charts)],
    [REPORT_FILES.markdown, reportMarkdown(results, charts)],
    [REPORT_FILES.shares, shareTablesCsv(results)],
    [REPORT_FILES.effects, effectTablesCsv(results)],
    [REPORT_FILES.figure1Spec, specJson(figure1)],
    [REPORT_FILES.figure1Svg, charts.figure1Svg + '\n'],
    [REPORT_FILES.monthlySpec, specJson(monthly)],
    [REPORT_FILES.monthlySvg, charts.monthlySvg + '\n'],
  ]);
}

function specJson(spec: TopLevelSpec): string {
  return JSON.stringify(spec, null, 2) + '\n';
}
