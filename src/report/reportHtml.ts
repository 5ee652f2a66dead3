/**
 * The report as one self-contained HTML file: charts inlined as SVG, styles
 * embedded, no scripts, and a Content-Security-Policy that forbids loading
 * anything, so the page behaves the same offline and cannot call out.
 */
import type { Results } from '../results.js';
import type { Block, ReportCharts, TableBlock } from './document.js';
import { escapeHtml } from './escape.js';
import { inlineSvg } from './inlineSvg.js';
import { REPORT_CSS } from './reportCss.js';
import { reportDocument, type ReportDocument } from './reportDocument.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** `doc` when the caller has built it already (for the Markdown too). */
export function reportHtml(results: Results, charts: ReportCharts, doc: ReportDocument = reportDocument(results)): string {
  const svgs: Record<string, string> = {};
  for (const [key, chart] of Object.entries(charts)) svgs[key] = inlineSvg(chart.svg, key);
  return htmlPage(doc.title, doc.lang, doc.blocks, svgs);
}

/** A self-contained page of blocks; `svgs` holds the inlined charts by key. */
export function htmlPage(title: string, lang: string, blocks: readonly Block[], svgs: Record<string, string> = {}): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...blocks.map((block) => htmlBlock(block, svgs)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function htmlBlock(block: Block, svgs: Record<string, string>): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return htmlTable(block);
    case 'figure':
      if (!(block.chart in svgs)) throw new Error(`the report refers to chart "${block.chart}", which was not rendered`);
      return `<figure>\n${svgs[block.chart]}\n<figcaption>${escapeHtml(block.caption)}</figcaption>\n</figure>`;
    case 'code':
      return `<pre><code class="language-${escapeHtml(block.language)}">${escapeHtml(block.text)}</code></pre>`;
  }
}

function htmlTable(table: TableBlock): string {
  const cls = (column: number): string => (table.numeric[column] ? ' class="num"' : '');
  const head = table.head.map((text, column) => `<th scope="col"${cls(column)}>${escapeHtml(text)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((text, column) => `<td${cls(column)}>${escapeHtml(text)}</td>`).join('')}</tr>`);
  return [
    '<div class="table-wrap">',
    '<table>',
    ...(table.caption === '' ? [] : [`<caption>${escapeHtml(table.caption)}</caption>`]),
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    ...(table.note === undefined ? [] : [`<p class="note">${escapeHtml(table.note)}</p>`]),
    '</div>',
  ].join('\n');
}
