/**
 * p-values with their method. A table whose p-values all come one way gets a
 * legend naming it; when methods are mixed (e.g. exact randomization
 * inference for a small subgroup), the most common one stays unmarked and
 * each other one gets a marker after the value, explained in the legend.
 */
import { pCell } from '../cells.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';

const MARKERS = ['†', '‡', '§', '¶'];

interface PRow {
  p: number | null;
  p_method: string;
  suppressed: boolean;
}

export interface PLegend {
  /** The p cell of a row, with its method's marker where methods are mixed. */
  cell(row: PRow | undefined): string;
  /** The legend for the table's note; undefined when the table shows no p-value. */
  note: string | undefined;
}

export function pLegend(context: ReportContext, rows: readonly (PRow | undefined)[]): PLegend {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row === undefined || row.suppressed || row.p === null) continue;
    counts.set(row.p_method, (counts.get(row.p_method) ?? 0) + 1);
  }
  // Most common first, ties by name: the same rows give the same markers.
  const methods = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const markers = new Map(methods.map((method, i) => [method, i === 0 ? '' : markerAt(i - 1)]));
  const words = context.strings.inference;
  const permutations = formatCount(context.results.config.inference.permutations);
  return {
    cell: (row) => {
      const text = pCell(row);
      const marker = row === undefined || row.suppressed || row.p === null ? '' : markers.get(row.p_method) ?? '';
      return marker === '' ? text : `${text} ${marker}`;
    },
    note: methods.length === 0 ? undefined : words.pNote(methods.map((method) => ({ marker: markers.get(method)!, text: words.pMethod(method, permutations) }))),
  };
}

/** †, ‡, §, ¶, then doubled: ††, ‡‡, … */
function markerAt(i: number): string {
  return MARKERS[i % MARKERS.length].repeat(1 + Math.floor(i / MARKERS.length));
}
