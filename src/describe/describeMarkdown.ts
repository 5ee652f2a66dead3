/**
 * describe.md: the same blocks as describe.html, as GitHub-flavoured
 * Markdown by the report's own renderer and escaping.
 */
import { markdownPage } from '../report/reportMarkdown.js';
import type { DescribeDocument } from './describeDocument.js';

export function describeMarkdown(doc: DescribeDocument): string {
  return markdownPage(doc.blocks);
}
