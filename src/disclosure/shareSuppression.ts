/**
 * Which share rows of one table are hidden: the primary rule (small cells),
 * the hidden denominators (denominators.ts), and then complements so that no
 * hidden count of persons in an outcome comes back by subtraction:
 * - subgroup partition, per outcome × arm × month × variable:
 *   events(all) = Σ events(levels) + events of persons with the level missing;
 * - statuses (composition tables), per subgroup × arm × month:
 *   Σ events over statuses = n, with n published in the other rows.
 * Events of one outcome say nothing about another's, so complements here may
 * differ between outcomes; they are still chosen by n first, which keeps the
 * same subgroups hidden across outcomes where the data allow.
 */
import { isSmallCell } from '../estimate/disclosure.js';
import type { ShareRow } from '../results.js';
import type { CellTable } from './cellTables.js';
import { ALL, personsKey, subgroupVariable } from './cellKeys.js';
import { missingPersons } from './denominators.js';
import { compareCounts, completeSuppression, isRecoverable, type Relation } from './relations.js';

export interface ShareFlags {
  /** 1 where the primary rule hides the row (or its producer already had). */
  primary: Uint8Array;
  /** 1 where the row is hidden for any reason. */
  hidden: Uint8Array;
}

export interface ShareSuppressionInput {
  variables: readonly string[];
  minCellSize: number;
  hiddenDenominators: ReadonlySet<string>;
}

export function shareSuppression(table: CellTable, input: ShareSuppressionInput): ShareFlags {
  const rows = table.shares;
  const primary = Uint8Array.from(rows, (row) => (isPrimary(row, input.minCellSize) ? 1 : 0));
  const start = Uint8Array.from(rows, (row, i) => (primary[i] === 1 || input.hiddenDenominators.has(personsKey(row)) ? 1 : 0));
  const relations = [...subgroupRelations(rows, input), ...(table.outcomesPartition ? statusRelations(rows, input.minCellSize) : [])];
  const hidden = completeSuppression(start, relations, {
    order: (a, b) => fewerPersons(rows[a], rows[b]),
    counts: (i) => personsInAndOut(rows[i]),
    minCellSize: input.minCellSize,
  });
  return { primary, hidden };
}

/**
 * The primary rule, applied again here rather than trusted from the
 * producer: a table that forgot it is still protected. A row already marked
 * suppressed stays so even when its counts are gone.
 */
export function isPrimary(row: ShareRow, minCellSize: number): boolean {
  if (row.suppressed) return true;
  return row.n !== null && row.events !== null && isSmallCell(row.events, row.n, minCellSize);
}

function subgroupRelations(rows: readonly ShareRow[], input: ShareSuppressionInput): Relation[] {
  const totals = new Map<string, number>();
  const levels = new Map<string, Map<string, number[]>>();
  rows.forEach((row, i) => {
    const place = `${row.outcome}\u0000${personsKey({ ...row, subgroup: ALL })}`;
    if (row.subgroup === ALL) {
      totals.set(place, i);
      return;
    }
    const variable = subgroupVariable(row.subgroup, input.variables);
    if (variable === undefined) return;
    const byVariable = levels.get(place) ?? new Map<string, number[]>();
    levels.set(place, byVariable);
    byVariable.set(variable, [...(byVariable.get(variable) ?? []), i]);
  });
  const relations: Relation[] = [];
  for (const [place, byVariable] of levels) {
    const total = totals.get(place) ?? null;
    for (const parts of byVariable.values()) {
      const slack = total === null ? null : missingPersons(rows[total].n, parts.map((p) => rows[p].n));
      if (isRecoverable(slack, input.minCellSize)) relations.push({ parts, total });
    }
  }
  return relations;
}

function statusRelations(rows: readonly ShareRow[], minCellSize: number): Relation[] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = personsKey(row);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const relations: Relation[] = [];
  for (const parts of groups.values()) {
    const ns = new Set(parts.map((p) => rows[p].n));
    // Statuses of the same persons share one n; if they do not, the slack is unknown (counts as recoverable).
    const n = ns.size === 1 ? rows[parts[0]].n : null;
    const slack = missingPersons(n, parts.map((p) => rows[p].events));
    if (isRecoverable(slack, minCellSize)) relations.push({ parts, total: null });
  }
  return relations;
}

/** Persons in and out of the outcome: neither may be small for the hidden cells together. */
function personsInAndOut(row: ShareRow): [number, number] | null {
  return row.n === null || row.events === null ? null : [row.events, row.n - row.events];
}

/** Fewer persons first, then fewer events: the complement that gives up least. */
function fewerPersons(a: ShareRow, b: ShareRow): number {
  return compareCounts(a.n, b.n) || compareCounts(a.events, b.events);
}
