/**
 * Which person_outcomes rows (means of a person-level outcome by subgroup ×
 * arm) are hidden. A mean over 1 … minCellSize − 1 persons describes those
 * few persons, so it is the primary rule here; a mean over nobody describes
 * no one. Complements, so that a hidden mean cannot come back by
 * subtraction of sums (mean × n):
 * - subgroup partition, per outcome × arm × variable: the `all` row is the
 *   levels' rows plus the persons with the level missing (with two levels,
 *   `all` minus one level gives the other);
 * - arms, per outcome: the arms' `all` rows add up to the persons randomized
 *   minus those without a value.
 * An arm whose count of persons is hidden (results.n) has its `all` rows
 * hidden too: with no values missing, their n is that count.
 */
import type { PersonOutcomeRow } from '../results.js';
import { ALL, subgroupVariable } from './cellKeys.js';
import { missingPersons } from './denominators.js';
import { compareCounts, completeSuppression, isRecoverable, type Relation } from './relations.js';
import type { ShareFlags } from './shareSuppression.js';

export interface PersonOutcomeInput {
  variables: readonly string[];
  minCellSize: number;
  /** Arms whose count of persons is hidden (denominators.ts). */
  hiddenArms: ReadonlySet<string>;
  /** Persons randomized (published); null when not known, which counts as recoverable. */
  randomized: number | null;
}

export function personOutcomeSuppression(rows: readonly PersonOutcomeRow[], input: PersonOutcomeInput): ShareFlags {
  const primary = Uint8Array.from(rows, (row) => (isPrimary(row, input.minCellSize) ? 1 : 0));
  const start = Uint8Array.from(rows, (row, i) => (primary[i] === 1 || (row.subgroup === ALL && input.hiddenArms.has(row.arm)) ? 1 : 0));
  const relations = [...partitionRelations(rows, input), ...armRelations(rows, input)];
  const hidden = completeSuppression(start, relations, {
    order: (a, b) => compareCounts(rows[a].n, rows[b].n),
    counts: (i) => [rows[i].n],
    minCellSize: input.minCellSize,
  });
  return { primary, hidden };
}

/** Applied again here rather than trusted from the producer; a row already marked stays so. */
function isPrimary(row: PersonOutcomeRow, minCellSize: number): boolean {
  if (row.suppressed) return true;
  return row.n !== null && row.n > 0 && row.n < minCellSize;
}

const place = (outcome: string, arm: string): string => `${outcome}\u0000${arm}`;

function partitionRelations(rows: readonly PersonOutcomeRow[], input: PersonOutcomeInput): Relation[] {
  const totals = new Map<string, number>();
  const levels = new Map<string, Map<string, number[]>>();
  rows.forEach((row, i) => {
    const key = place(row.outcome, row.arm);
    if (row.subgroup === ALL) {
      totals.set(key, i);
      return;
    }
    const variable = subgroupVariable(row.subgroup, input.variables);
    if (variable === undefined) return;
    const byVariable = levels.get(key) ?? new Map<string, number[]>();
    levels.set(key, byVariable);
    byVariable.set(variable, [...(byVariable.get(variable) ?? []), i]);
  });
  const relations: Relation[] = [];
  for (const [key, byVariable] of levels) {
    const total = totals.get(key) ?? null;
    for (const parts of byVariable.values()) {
      const slack = total === null ? null : missingPersons(rows[total].n, parts.map((p) => rows[p].n));
      if (isRecoverable(slack, input.minCellSize)) relations.push({ parts, total });
    }
  }
  return relations;
}

function armRelations(rows: readonly PersonOutcomeRow[], input: PersonOutcomeInput): Relation[] {
  const byOutcome = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.subgroup === ALL) byOutcome.set(row.outcome, [...(byOutcome.get(row.outcome) ?? []), i]);
  });
  const relations: Relation[] = [];
  for (const parts of byOutcome.values()) {
    const withoutValue = missingPersons(input.randomized, parts.map((p) => rows[p].n));
    if (isRecoverable(withoutValue, input.minCellSize)) relations.push({ parts, total: null });
  }
  return relations;
}
