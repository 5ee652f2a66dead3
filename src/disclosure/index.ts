/**
 * Disclosure control applied to a whole Results object before anything is
 * written (results-schema: a suppressed value is null with suppressed: true).
 * Every output (JSON, CSV, HTML, Markdown, charts and chart specs) is built
 * from the object this returns, so what is nulled here reaches no file.
 *
 * Producers (estimate(), the composition section) return full values and
 * mark the rows the primary rule hides with `suppressed: true`. This step
 * then, as a pure function of the results:
 * 1. settles the hidden counts of persons, per arm (`n`) and per
 *    subgroup × arm × month, across all tables (denominators.ts);
 * 2. hides complementary share rows per table (shareSuppression.ts);
 * 3. hides every effect whose arm or reference share is hidden;
 * 4. nulls every hidden value (numbers of the row except its month) and
 *    records the counts in `disclosure`.
 * With `enabled: false` it computes the same counts (cells that would be
 * hidden) but nulls nothing and clears every `suppressed` flag: the report
 * is then marked not for publication (report/sections/disclosureBanner.ts,
 * publicationMarker.ts).
 */
import type { DisclosureInfo, Results } from '../results.js';
import { cellTables, withTables, type CellTable } from './cellTables.js';
import { hiddenCounts } from './denominators.js';
import { effectSuppression } from './effectSuppression.js';
import { shareSuppression } from './shareSuppression.js';
import { publishedRow, suppressedRow } from './suppressRow.js';

export { completeSuppression, isRecoverable, type Relation } from './relations.js';
export { publicationMarkerFiles, NOT_FOR_PUBLICATION_FILE } from './publicationMarker.js';
export { assertDisclosureControlled, DisclosureNotAppliedError } from './assertControlled.js';

export interface DisclosureOptions {
  /** False only for work inside a secure environment (--no-disclosure-control). */
  enabled: boolean;
}

export function applyDisclosureControl(results: Results, options: DisclosureOptions): Results {
  const { minCellSize, subgroups: variables } = results.config;
  const tables = cellTables(results);
  const counts = hiddenCounts({ tables, arms: results.arms, armCounts: results.n, variables, minCellSize });

  let primary = counts.primaryArms.size;
  let hidden = counts.arms.size;
  const processed: CellTable[] = tables.map((table) => {
    const shareFlags = shareSuppression(table, { variables, minCellSize, hiddenDenominators: counts.denominators });
    const effectFlags = effectSuppression(table.effects, table.shares, shareFlags);
    primary += sum(shareFlags.primary) + sum(effectFlags.primary);
    hidden += sum(shareFlags.hidden) + sum(effectFlags.hidden);
    const apply = <T extends { suppressed: boolean }>(rows: T[], flags: Uint8Array): T[] =>
      rows.map((row, i) => (options.enabled && flags[i] === 1 ? suppressedRow(row) : publishedRow(row)));
    return { ...table, shares: apply(table.shares, shareFlags.hidden), effects: apply(table.effects, effectFlags.hidden) };
  });

  const disclosure: DisclosureInfo = {
    applied: options.enabled,
    min_cell_size: minCellSize,
    primary_suppressed: primary,
    complementary_suppressed: hidden - primary,
  };
  const out = withTables(results, processed);
  out.n = options.enabled ? armCountsWithout(results, counts.arms) : { ...results.n };
  out.disclosure = disclosure;
  return out;
}

/** Hidden arms get `null`. */
function armCountsWithout(results: Results, hiddenArmSet: ReadonlySet<string>): Results['n'] {
  const n: Results['n'] = {};
  for (const [arm, count] of Object.entries(results.n)) n[arm] = hiddenArmSet.has(arm) ? null : count;
  return n;
}

function sum(flags: Uint8Array): number {
  let total = 0;
  for (const flag of flags) total += flag;
  return total;
}
