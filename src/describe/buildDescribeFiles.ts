/**
 * Every file of a describe output directory, as relative path → content;
 * writeReportDir writes them atomically. Nothing depends on time or place,
 * so the same inputs give byte-identical files.
 */
import { table1Csv, tabulationCsv } from './describeCsv.js';
import { describeDocument } from './describeDocument.js';
import { describeHtml } from './describeHtml.js';
import { describeJson } from './describeJson.js';
import { describeMarkdown } from './describeMarkdown.js';
import type { DescribeResult } from './types.js';

export const DESCRIBE_FILES = {
  json: 'describe.json',
  html: 'describe.html',
  markdown: 'describe.md',
  table1: 'tables/table1.csv',
} as const;

export function buildDescribeFiles(result: DescribeResult): Map<string, string> {
  // First, so that a non-finite number stops the run before anything else is built.
  const json = describeJson(result);
  const doc = describeDocument(result);
  const files = new Map<string, string>([
    [DESCRIBE_FILES.json, json],
    [DESCRIBE_FILES.html, describeHtml(doc)],
    [DESCRIBE_FILES.markdown, describeMarkdown(doc)],
    [DESCRIBE_FILES.table1, table1Csv(result)],
  ]);
  for (const tab of result.tabulations) files.set(tab.file, tabulationCsv(tab));
  return files;
}
