/**
 * describe.md: the same blocks as describe.html, as GitHub-flavoured
 * Markdown with the report's escaping (src/report/reportMarkdown.ts).
 */
import type { TableBlock } from '../report/document.js';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../report/escape.js';
import type { DescribeBlock, DescribeDocument } from './describeDocument.js';

export function describeMarkdown(doc: DescribeDocument): string {
  return doc.blocks.map(markdownBlock).join('\n\n') + '\n';
}

function markdownBlock(block: DescribeBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdownBlock(block.text)}`;
    case 'paragraph':
      return escapeMarkdownBlock(block.text);
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdownBlock(item)}`).join('\n');
    case 'table':
      return markdownTable(block);
  }
}

function markdownTable(table: TableBlock): string {
  // Table cells are inline content: no block-start escaping, so "–" and "-3.8" stay readable.
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
