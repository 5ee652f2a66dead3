/** Attach the disclosure-control footnote to a table that shows a suppressed value. */
import { showsSuppressed } from '../cells.js';
import type { TableBlock } from '../document.js';
import type { ReportContext } from './context.js';

export function withSuppressionNote(table: TableBlock, { results, strings }: ReportContext): TableBlock {
  return showsSuppressed(table.rows) ? { ...table, note: strings.suppressedNote(results.config.minCellSize) } : table;
}
