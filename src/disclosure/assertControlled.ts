/**
 * A safety net for the report builders: estimate() leaves full values on the
 * rows it marks `suppressed`, and only applyDisclosureControl nulls them. A
 * Results object that skipped it (e.g. assembled by a script from estimate()
 * directly, or given its interactions or person-level means after control)
 * would publish small cells, so building files from it stops here instead.
 */
import type { EffectRow, Results } from '../results.js';
import { cellTables } from './cellTables.js';
import { cellOf } from './effectSuppression.js';
import { levelLabel } from './interactionSuppression.js';

export class DisclosureNotAppliedError extends Error {
  override name = 'DisclosureNotAppliedError';
}

const AFTER = 'pass the results through applyDisclosureControl before writing them';

export function assertDisclosureControlled(results: Results): void {
  for (const table of cellTables(results)) {
    for (const [kind, rows] of [['shares', table.shares], ['effects', table.effects]] as const) {
      assertNoValuesWhereSuppressed(table.place === 'main' ? kind : `${table.place}.${kind}`, rows);
    }
  }
  assertNoValuesWhereSuppressed('person_outcomes', results.person_outcomes ?? []);
  assertNoValuesWhereSuppressed('interactions', results.interactions ?? []);
  // Without control (--no-disclosure-control) small cells are shown on purpose and the report is marked instead.
  if (results.disclosure?.applied !== false) assertNewSectionsFollow(results);
}

function assertNoValuesWhereSuppressed(where: string, rows: readonly object[]): void {
  const leaking = rows.findIndex(
    (row) => (row as { suppressed?: unknown }).suppressed === true && Object.entries(row).some(([field, value]) => field !== 'month' && typeof value === 'number'),
  );
  if (leaking >= 0) throw new DisclosureNotAppliedError(`${where}[${leaking}] is marked suppressed but still holds values: ${AFTER}`);
}

/**
 * The sections built from other rows must be hidden with them: a small
 * person-level mean, a person-level effect on a hidden mean, an interaction
 * on a hidden effect. These catch sections added to results that had
 * already been through control.
 */
function assertNewSectionsFollow(results: Results): void {
  const min = results.config.minCellSize;
  const persons = results.person_outcomes ?? [];
  const small = persons.findIndex((row) => !row.suppressed && row.n !== null && row.n > 0 && row.n < min);
  if (small >= 0) throw new DisclosureNotAppliedError(`person_outcomes[${small}] shows a mean of ${persons[small].n} persons (fewer than ${min}): ${AFTER}`);

  const hiddenMeans = new Set(persons.filter((row) => row.suppressed).map((row) => cellOf(row.outcome, row.subgroup, row.arm, null)));
  const personEffect = results.effects.findIndex(
    (row) => row.month === null && !row.suppressed && [row.arm, row.reference].some((arm) => hiddenMeans.has(cellOf(row.outcome, row.subgroup, arm, null))),
  );
  if (personEffect >= 0) throw new DisclosureNotAppliedError(`effects[${personEffect}] is shown but a mean it is built from is suppressed: ${AFTER}`);

  const hiddenEffects = new Set(results.effects.filter((row: EffectRow) => row.suppressed).map((row) => cellOf(row.outcome, row.subgroup, row.arm, row.month)));
  const interactions = results.interactions ?? [];
  const interaction = interactions.findIndex(
    (row) => !row.suppressed && row.levels.some((level) => hiddenEffects.has(cellOf(row.outcome, levelLabel(row.subgroup_variable, level), row.arm, row.month))),
  );
  if (interaction >= 0) throw new DisclosureNotAppliedError(`interactions[${interaction}] is shown but an effect it is built from is suppressed: ${AFTER}`);
}
