/**
 * describe.html: one self-contained page with the report's styles and
 * Content-Security-Policy (nothing is loaded, nothing runs), rendered by the
 * report's own page renderer with the same escaping.
 */
import { htmlPage } from '../report/reportHtml.js';
import type { DescribeDocument } from './describeDocument.js';

export function describeHtml(doc: DescribeDocument): string {
  return htmlPage(doc.title, doc.lang, doc.blocks);
}
