/**
 * describe.json (`"schema": "effekt.describe/1"`): the machine-readable
 * result of `eval describe`. Same conventions as results.json: numbers at
 * full precision, a suppressed value is `null` with `"suppressed": true`.
 * No person id or person-level row is ever part of it.
 */

export const DESCRIBE_SCHEMA = 'effekt.describe/1';

/**
 * How a column is described (columnPlan.ts has the rules):
 * `gender` K/M as the share K; `binary` 0/1 as the share of 1;
 * `numeric` as the mean; `categorical` as the share of each level.
 */
export type ColumnKind = 'gender' | 'binary' | 'numeric' | 'categorical';

export interface DescribedColumn {
  /** As spelled in the first file that has it (columns match case-insensitively). */
  name: string;
  kind: ColumnKind;
}

export interface ExcludedColumn {
  name: string;
  reason: string;
}

/** A count of persons after disclosure control. */
export interface CountValue {
  count: number | null;
  suppressed: boolean;
}

export interface PopulationInfo {
  name: string;
  /** Base name of the file, never a path. */
  file: string;
  sha256: string;
  /** Data rows read; null when N is suppressed, since the rows are the persons. */
  rows: number | null;
  /** Persons: null when suppressed (1 … minCellSize − 1). */
  n: number | null;
  n_suppressed: boolean;
  /** The column whose levels are the rows of this population's tabulations; null when it has none. */
  rows_variable: string | null;
}

/**
 * One population's entry in a Table 1 row. `present: false` when the file
 * has no such column (shown blank). `count` is the persons behind a share,
 * `n` the persons with a value (means, 0/1 shares); either is null when
 * disclosure control hides it.
 */
export interface Table1Value {
  population: string;
  present: boolean;
  value: number | null;
  suppressed: boolean;
  n?: number | null;
  count?: number | null;
}

/**
 * `statistic`: `count` (the N row), `mean`, `share` (of persons with the
 * level; for `binary` of persons with a value), `missing_share` (persons
 * without a value, level null).
 */
export interface Table1Row {
  variable: string;
  level: string | null;
  statistic: 'count' | 'mean' | 'share' | 'missing_share';
  values: Table1Value[];
}

export interface TabulationRow {
  /** Level of the rows variable; null = persons without a value. */
  level: string | null;
  cells: CountValue[];
  total: CountValue;
}

/** Counts of one population by `rows_variable` × `columns_variable`, with totals. */
export interface Tabulation {
  population: string;
  rows_variable: string;
  /** A column name, or `age_group` for the age groups of `age`. */
  columns_variable: string;
  /** Null = persons without a value. */
  column_levels: (string | null)[];
  rows: TabulationRow[];
  total: { cells: CountValue[]; total: CountValue };
  /** The CSV file of this tabulation in the output directory. */
  file: string;
}

export interface AgeGroup {
  label: string;
  /** Inclusive whole years: a person of age a is in the group when from ≤ a < to + 1. */
  from: number;
  to: number;
}

export interface DescribeResult {
  schema: typeof DESCRIBE_SCHEMA;
  tool: { name: 'effekt'; version: string };
  min_cell_size: number;
  age_groups: AgeGroup[];
  populations: PopulationInfo[];
  columns: DescribedColumn[];
  excluded_columns: ExcludedColumn[];
  table1: Table1Row[];
  tabulations: Tabulation[];
  disclosure: {
    min_cell_size: number;
    /** Distinct counts suppressed for being small (1 … minCellSize − 1, or a share's complement). */
    primary_suppressed: number;
    /** Further counts suppressed so that the small ones cannot be recovered. */
    complementary_suppressed: number;
  };
  warnings: string[];
}
