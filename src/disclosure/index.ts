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
 * 3. hides small means of person-level outcomes and their complements
 *    (personOutcomeSuppression.ts);
 * 4. hides every effect whose arm or reference share (or, for a
 *    person-level outcome, mean) is hidden, and every interaction whose
 *    effect in either level is hidden;
 * 5. nulls every hidden value (numbers of the row except its place) and
 *    records the counts in `disclosure`.
 * With `enabled: false` it computes the same counts (cells that would be
 * hidden) but nulls nothing and clears every `suppressed` flag: the report
 * is then marked not for publication (report/sections/disclosureBanner.ts,
 * publicationMarker.ts).
 */
import type { DisclosureInfo, PersonOutcomeRow, Results } from '../results.js';
import { cellTables, withTables, type CellTable } from './cellTables.js';
import { hiddenCounts } from './denominators.js';
import { effectSuppression, type EffectCell, type EffectFlags } from './effectSuppression.js';
import { interactionSuppression } from './interactionSuppression.js';
import { personOutcomeSuppression } from './personOutcomeSuppression.js';
import { shareSuppression, type ShareFlags } from './shareSuppression.js';
import { INTERACTION_PLACE_FIELDS, publishedRow, suppressedRow } from './suppressRow.js';

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

  const apply = <T extends { suppressed: boolean }>(rows: T[], flags: Uint8Array, placeFields?: ReadonlySet<string>): T[] =>
    rows.map((row, i) => (options.enabled && flags[i] === 1 ? suppressedRow(row, placeFields) : publishedRow(row)));

  const personRows = results.person_outcomes ?? [];
  const personFlags = personOutcomeSuppression(personRows, {
    variables,
    minCellSize,
    hiddenArms: counts.arms,
    randomized: results.inputs.participants?.rows ?? null,
  });
  let primary = counts.primaryArms.size + sum(personFlags.primary);
  let hidden = counts.arms.size + sum(personFlags.hidden);
  let mainEffectFlags: EffectFlags = { primary: new Uint8Array(0), hidden: new Uint8Array(0) };
  const processed: CellTable[] = tables.map((table) => {
    const shareFlags = shareSuppression(table, { variables, minCellSize, hiddenDenominators: counts.denominators });
    // The main table's person-level effects (month null) are built from the person_outcomes means.
    const cells: { rows: EffectCell[]; flags: ShareFlags } =
      table.place === 'main' ? withPersonCells(table, shareFlags, personRows, personFlags) : { rows: table.shares, flags: shareFlags };
    const effectFlags = effectSuppression(table.effects, cells.rows, cells.flags);
    if (table.place === 'main') mainEffectFlags = effectFlags;
    primary += sum(shareFlags.primary) + sum(effectFlags.primary);
    hidden += sum(shareFlags.hidden) + sum(effectFlags.hidden);
    return { ...table, shares: apply(table.shares, shareFlags.hidden), effects: apply(table.effects, effectFlags.hidden) };
  });

  const interactions = results.interactions ?? [];
  const interactionFlags = interactionSuppression(interactions, results.effects, mainEffectFlags);
  primary += sum(interactionFlags.primary);
  hidden += sum(interactionFlags.hidden);

  const disclosure: DisclosureInfo = {
    applied: options.enabled,
    min_cell_size: minCellSize,
    primary_suppressed: primary,
    complementary_suppressed: hidden - primary,
  };
  const out = withTables(results, processed);
  if (results.person_outcomes !== undefined) out.person_outcomes = apply(results.person_outcomes, personFlags.hidden);
  if (results.interactions !== undefined) out.interactions = apply(results.interactions, interactionFlags.hidden, INTERACTION_PLACE_FIELDS);
  out.n = options.enabled ? armCountsWithout(results, counts.arms) : { ...results.n };
  out.disclosure = disclosure;
  return out;
}

/** The main table's share cells followed by the person-level means as cells with month null, with their flags in the same order. */
function withPersonCells(table: CellTable, shareFlags: ShareFlags, personRows: readonly PersonOutcomeRow[], personFlags: ShareFlags): { rows: EffectCell[]; flags: ShareFlags } {
  const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
  };
  return {
    rows: [...table.shares, ...personRows.map((row) => ({ outcome: row.outcome, subgroup: row.subgroup, arm: row.arm, month: null }))],
    flags: { primary: join(shareFlags.primary, personFlags.primary), hidden: join(shareFlags.hidden, personFlags.hidden) },
  };
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
