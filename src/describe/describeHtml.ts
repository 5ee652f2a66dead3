/**
 * describe.html: one self-contained page with the report's styles and
 * Content-Security-Policy (nothing is loaded, nothing runs). Renders the
 * blocks the way src/report/reportHtml.ts renders the report's, with the
 * same escaping.
 */
import type { TableBlock } from '../report/document.js';
import { escapeHtml } from '../report/escape.js';
import { REPORT_CSS } from '../report/reportCss.js';
import type { DescribeBlock, DescribeDocument } from './describeDocument.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function describeHtml(doc: DescribeDocument): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...doc.blocks.map(htmlBlock),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function htmlBlock(block: DescribeBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return htmlTable(block);
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
