/**
 * The tables of a Results object that hold counts of persons and so fall
 * under disclosure control: the main shares with their effects, and the
 * composition section (statuses as outcomes) when a run has one. Each table
 * pairs share rows with the effect rows computed from them.
 */
import type { EffectRow, Results, ShareRow } from '../results.js';

export type TablePlace = 'main' | 'composition';

export interface CellTable {
  place: TablePlace;
  shares: ShareRow[];
  effects: EffectRow[];
  /**
   * The outcomes are mutually exclusive statuses covering everybody, so
   * their events add up to n for each subgroup × arm × month.
   */
  outcomesPartition: boolean;
}

export function cellTables(results: Results): CellTable[] {
  const tables: CellTable[] = [{ place: 'main', shares: results.shares, effects: results.effects, outcomesPartition: false }];
  const composition = compositionTable(results.composition);
  if (composition !== undefined) tables.push(composition);
  return tables;
}

/** Puts processed tables back into a copy of the results, leaving everything else as it was. */
export function withTables(results: Results, tables: readonly CellTable[]): Results {
  const out: Results = { ...results };
  for (const table of tables) {
    if (table.place === 'main') {
      out.shares = table.shares;
      out.effects = table.effects;
    } else {
      // Spread rather than typed fields: the section's other fields (statuses, …) pass through unchanged.
      out.composition = { ...(results.composition as object), shares: table.shares, effects: table.effects } as Results['composition'];
    }
  }
  return out;
}

/**
 * The composition section's shape is checked here rather than trusted (it is
 * built elsewhere and may change): a section without share rows has nothing
 * to protect, and rows of an unexpected shape stop the run instead of being
 * written unchecked.
 */
function compositionTable(section: unknown): CellTable | undefined {
  if (section === undefined || section === null) return undefined;
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new TypeError('results.composition is not an object: disclosure control cannot check it');
  }
  const { shares, effects } = section as { shares?: unknown; effects?: unknown };
  if (shares === undefined && effects === undefined) return undefined;
  if (shares !== undefined && !isRowArray(shares, isShareRow)) {
    throw new TypeError('results.composition.shares is not a list of share rows: disclosure control cannot check it');
  }
  if (effects !== undefined && !isRowArray(effects, isEffectRow)) {
    throw new TypeError('results.composition.effects is not a list of effect rows: disclosure control cannot check it');
  }
  return { place: 'composition', shares: (shares as ShareRow[]) ?? [], effects: (effects as EffectRow[]) ?? [], outcomesPartition: true };
}

function isRowArray<T>(value: unknown, isRow: (row: unknown) => row is T): value is T[] {
  return Array.isArray(value) && value.every(isRow);
}

function isCellRow(row: unknown): row is Record<string, unknown> {
  if (row === null || typeof row !== 'object') return false;
  const r = row as Record<string, unknown>;
  return typeof r.outcome === 'string' && typeof r.subgroup === 'string' && typeof r.arm === 'string' && typeof r.suppressed === 'boolean';
}

function isShareRow(row: unknown): row is ShareRow {
  return isCellRow(row) && isCount(row.n) && isCount(row.events);
}

function isEffectRow(row: unknown): row is EffectRow {
  return isCellRow(row) && typeof row.reference === 'string';
}

const isCount = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
