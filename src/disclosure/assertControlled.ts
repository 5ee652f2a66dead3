/**
 * A safety net for the report builders: estimate() leaves full values on the
 * rows it marks `suppressed`, and only applyDisclosureControl nulls them. A
 * Results object that skipped it (e.g. assembled by a script from estimate()
 * directly) would publish every small cell, so building files from it stops
 * here instead.
 */
import type { Results } from '../results.js';
import { cellTables } from './cellTables.js';

export class DisclosureNotAppliedError extends Error {
  override name = 'DisclosureNotAppliedError';
}

export function assertDisclosureControlled(results: Results): void {
  for (const table of cellTables(results)) {
    for (const [kind, rows] of [['shares', table.shares], ['effects', table.effects]] as const) {
      const leaking = rows.findIndex((row) => row.suppressed && Object.entries(row).some(([field, value]) => field !== 'month' && typeof value === 'number'));
      if (leaking >= 0) {
        const where = table.place === 'main' ? kind : `${table.place}.${kind}`;
        throw new DisclosureNotAppliedError(`${where}[${leaking}] is marked suppressed but still holds values: pass the results through applyDisclosureControl before writing them`);
      }
    }
  }
}
