/**
 * Every file of a report directory, as relative path → content. Nothing here
 * touches the disk (writeReportDir does), and nothing depends on time or
 * place, so the same Results give byte-identical files.
 */
import type { Results } from '../results.js';
import { assertDisclosureControlled, publicationMarkerFiles } from '../disclosure/index.js';
import { buildCharts } from './charts.js';
import { effectTablesCsv, interactionTablesCsv, personOutcomeTablesCsv, shareTablesCsv } from './csvTables.js';
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

export async function buildReportFiles(results: Results): Promise<Map<string, string>> {
  // First, so that uncontrolled or non-finite values stop the run before any rendering.
  assertDisclosureControlled(results);
  const json = resultsJson(results);
  const { charts, specs } = await buildCharts(results);
  const files = new Map<string, string>([
    [REPORT_FILES.results, json],
    [REPORT_FILES.html, reportHtml(results, charts)],
    [REPORT_FILES.markdown, reportMarkdown(results, charts)],
    [REPORT_FILES.shares, shareTablesCsv(results)],
    [REPORT_FILES.effects, effectTablesCsv(results)],
  ]);
  // Written when the results have the section, so a run without it has no empty file to explain.
  const interactions = interactionTablesCsv(results);
  if (interactions !== null) files.set(REPORT_FILES.interactions, interactions);
  const personOutcomes = personOutcomeTablesCsv(results);
  if (personOutcomes !== null) files.set(REPORT_FILES.personOutcomes, personOutcomes);
  for (const [key, spec] of specs) {
    files.set(`charts/${key}.vl.json`, JSON.stringify(spec, null, 2) + '\n');
    files.set(charts[key].file, charts[key].svg + '\n');
  }
  for (const [file, text] of publicationMarkerFiles(results)) files.set(file, text);
  return files;
}
