/**
 * The report as GitHub-flavoured Markdown: same content as the HTML, tables
 * as pipe tables, charts as image links to the SVG files next to it.
 */
import type { Results } from '../results.js';
import type { Block, ChartKey, ReportCharts, TableBlock } from './document.js';
import { escapeMarkdownBlock, escapeMarkdownInline } from './escape.js';
import { reportDocument, type ReportDocument } from './reportDocument.js';

/** `doc` when the caller has built it already (for the HTML too). */
export function reportMarkdown(results: Results, charts: ReportCharts, doc: ReportDocument = reportDocument(results)): string {
  const files: Record<ChartKey, string> = {};
  for (const [key, chart] of Object.entries(charts)) files[key] = chart.file;
  return markdownPage(doc.blocks, files);
}

/** Blocks as one Markdown document; `files` holds each chart's image path by key. */
export function markdownPage(blocks: readonly Block[], files: Record<ChartKey, string> = {}): string {
  return blocks.map((block) => markdownBlock(block, files)).join('\n\n') + '\n';
}

function markdownBlock(block: Block, files: Record<ChartKey, string>): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdownBlock(block.text)}`;
    case 'paragraph':
      return escapeMarkdownBlock(block.text);
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdownBlock(item)}`).join('\n');
    case 'table':
      return markdownTable(block);
    case 'figure':
      return `![${escapeMarkdownInline(block.caption)}](${linkTarget(files[block.chart])})\n\n*${escapeMarkdownInline(block.caption)}*`;
    case 'code':
      return fenced(block.text, block.language);
  }
}

function markdownTable(table: TableBlock): string {
  // Table cells are inline content: no block-start escaping, so "-3.8" stays readable.
  const line = (cells: string[]): string => `| ${cells.map((cell) => escapeMarkdownInline(cell) || ' ').join(' | ')} |`;
  const rule = `| ${table.numeric.map((numeric) => (numeric ? '---:' : '---')).join(' | ')} |`;
  return [
    ...(table.caption === '' ? [] : [`**${escapeMarkdownInline(table.caption)}**`, '']),
    line(table.head),
    rule,
    ...table.rows.map(line),
    ...(table.note === undefined ? [] : ['', escapeMarkdownBlock(table.note)]),
  ].join('\n');
}

/** Relative link target; angle brackets keep spaces or parentheses in a file name from ending the link. */
function linkTarget(file: string): string {
  const safe = file.replace(/[<>\n\r]/g, '');
  return /[\s()]/.test(safe) ? `<${safe}>` : safe;
}

/** A fence longer than any backtick run in the text, so the text cannot close it. */
function fenced(text: string, language: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language.replace(/[^a-z0-9]/gi, '')}\n${text}\n${fence}`;
}
