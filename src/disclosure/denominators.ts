/**
 * Which counts of persons are hidden regardless of outcome: persons per arm
 * (`results.n`) and denominators (n per subgroup × arm × month). n is the
 * same for every outcome, so a denominator hidden in one outcome's row must
 * be hidden in all of them, and the complement chosen to protect it must be
 * the same in all of them: otherwise the rows of two outcomes together would
 * give it back. That is why these are settled first, once for all tables,
 * and the outcome rows follow (shareSuppression.ts).
 *
 * Relations among these counts:
 * - subgroup partition, per arm × month × variable: n(all) = Σ n(levels)
 *   + persons with the level missing;
 * - arms, per month for `all`: Σ n(all, arm) = persons randomized − persons
 *   censored, both published;
 * - arms: Σ persons per arm = persons randomized (published in `inputs` and
 *   the report);
 * - an arm and its month: n(all, arm, month) = persons in the arm − those
 *   censored at that month (equal when nobody is).
 * A relation with persons outside its parts (missing level, censored) counts
 * only when those are fewer than minCellSize (isRecoverable).
 */
import type { CellTable } from './cellTables.js';
import { ALL, personsKey, subgroupVariable } from './cellKeys.js';
import { compareCounts, completeSuppression, isRecoverable, type Relation } from './relations.js';

export interface DenominatorInput {
  tables: readonly CellTable[];
  arms: readonly string[];
  /** Persons per arm as published (`results.n`). */
  armCounts: Readonly<Record<string, number | null>>;
  /** Subgroup variable names (config.subgroups). */
  variables: readonly string[];
  minCellSize: number;
}

export interface HiddenCounts {
  /** Arms whose count of persons has fewer than minCellSize persons. */
  primaryArms: Set<string>;
  /** Arms whose count of persons is hidden (primary or complementary). */
  arms: Set<string>;
  /** Keys (personsKey) of the hidden denominators. */
  denominators: Set<string>;
}

interface Count {
  /** An arm's count of persons, or a denominator (personsKey). */
  kind: 'arm' | 'denominator';
  subgroup: string;
  arm: string;
  month: number | null;
  /** For a denominator, the smallest n any table gives for these persons; null when none gives one. */
  n: number | null;
}

export function hiddenCounts(input: DenominatorInput): HiddenCounts {
  const { list, index } = countsOf(input);
  const primary = Uint8Array.from(list, (c) => (c.n !== null && c.n < input.minCellSize ? 1 : 0));
  const relations = [...partitionRelations(list, index, input), ...armRelations(list, index, input)];
  const hidden = completeSuppression(primary, relations, {
    order: (a, b) => compareCounts(list[a].n, list[b].n),
    counts: (c) => [list[c].n],
    minCellSize: input.minCellSize,
  });
  const result: HiddenCounts = { primaryArms: new Set(), arms: new Set(), denominators: new Set() };
  list.forEach((c, i) => {
    if (c.kind === 'arm') {
      if (primary[i] === 1) result.primaryArms.add(c.arm);
      if (hidden[i] === 1) result.arms.add(c.arm);
    } else if (hidden[i] === 1) result.denominators.add(personsKey(c));
  });
  return result;
}

const armKey = (arm: string): string => `arm\u0000${arm}`;

function countsOf(input: DenominatorInput): { list: Count[]; index: Map<string, number> } {
  const list: Count[] = [];
  const index = new Map<string, number>();
  for (const arm of input.arms) {
    index.set(armKey(arm), list.length);
    list.push({ kind: 'arm', subgroup: ALL, arm, month: null, n: input.armCounts[arm] ?? null });
  }
  for (const table of input.tables) {
    for (const row of table.shares) {
      const key = personsKey(row);
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, list.length);
        list.push({ kind: 'denominator', subgroup: row.subgroup, arm: row.arm, month: row.month, n: row.n });
      } else if (row.n !== null && (list[at].n === null || row.n < list[at].n!)) {
        list[at].n = row.n;
      }
    }
  }
  return { list, index };
}

function partitionRelations(list: Count[], index: Map<string, number>, input: DenominatorInput): Relation[] {
  // levels[arm × month][variable] → count indices, in first-seen order.
  const levels = new Map<string, Map<string, number[]>>();
  list.forEach((c, i) => {
    const variable = c.kind === 'denominator' ? subgroupVariable(c.subgroup, input.variables) : undefined;
    if (variable === undefined) return;
    const place = personsKey({ subgroup: ALL, arm: c.arm, month: c.month });
    const byVariable = levels.get(place) ?? new Map<string, number[]>();
    levels.set(place, byVariable);
    byVariable.set(variable, [...(byVariable.get(variable) ?? []), i]);
  });
  const relations: Relation[] = [];
  for (const [allKey, byVariable] of levels) {
    const total = index.get(allKey) ?? null;
    for (const parts of byVariable.values()) {
      const slack = total === null ? null : missingPersons(list[total].n, parts.map((p) => list[p].n));
      if (isRecoverable(slack, input.minCellSize)) relations.push({ parts, total });
    }
  }
  return relations;
}

function armRelations(list: Count[], index: Map<string, number>, input: DenominatorInput): Relation[] {
  const armCells = input.arms.map((arm) => index.get(armKey(arm))!);
  const relations: Relation[] = [{ parts: armCells, total: null }];
  const months = [...new Set(list.filter((c) => c.kind === 'denominator' && c.subgroup === ALL).map((c) => c.month))];
  for (const month of months) {
    const cells = input.arms.map((arm) => index.get(personsKey({ subgroup: ALL, arm, month }))).filter((i): i is number => i !== undefined);
    relations.push({ parts: cells, total: null });
    for (const cell of cells) {
      const armCell = index.get(armKey(list[cell].arm))!;
      const censored = missingPersons(list[armCell].n, [list[cell].n]);
      if (isRecoverable(censored, input.minCellSize)) relations.push({ parts: [cell], total: armCell });
    }
  }
  return relations;
}

/** total − Σ parts, or null when a count is not available. */
export function missingPersons(total: number | null, parts: readonly (number | null)[]): number | null {
  if (total === null || parts.some((p) => p === null)) return null;
  return total - parts.reduce<number>((sum, p) => sum + p!, 0);
}
