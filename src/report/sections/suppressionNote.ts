/** Attach the disclosure-control footnote to a table that shows a suppressed value. */
import { showsSuppressed } from '../cells.js';
import type { TableBlock } from '../document.js';
import type { ReportContext } from './context.js';

/** Keeps a note the table already has (e.g. a p-value legend) and adds the footnote after it. */
export function withSuppressionNote(table: TableBlock, { results, strings }: ReportContext): TableBlock {
  if (!showsSuppressed(table.rows)) return table;
  const footnote = strings.suppressedNote(results.config.minCellSize);
  return { ...table, note: table.note === undefined ? footnote : `${table.note} ${footnote}` };
}

/** Notes joined into one footnote; undefined when there are none. */
export function joinNotes(notes: readonly (string | undefined)[]): string | undefined {
  const present = notes.filter((note): note is string => note !== undefined && note !== '');
  return present.length === 0 ? undefined : present.join(' ');
}
