/**
 * The shape of `results.json` (spec/results-schema.md, schema
 * `effekt.results/1`). Field names are a stable contract: add, never rename.
 */
import type { ResolvedConfig } from './config/types.js';

export const RESULTS_SCHEMA = 'effekt.results/1';

export interface InputFile {
  /** File name only, never a path (reports carry no absolute paths). */
  file: string;
  sha256: string;
  rows: number;
  /** Detected text encoding, e.g. `utf-8`, `utf-8-bom`, `windows-1252`. */
  encoding?: string;
  /** Detected field delimiter: `,`, `;` or a tab. */
  delimiter?: string;
  /** Detected date format: `YYYY-MM-DD` or `YYYYMMDD`. */
  date_format?: string;
  /** Detected decimal mark in numeric columns: `.` or `,`. */
  decimal_mark?: string;
}

/** How disclosure control was applied to this result (results-schema: suppressed values are null). */
export interface DisclosureInfo {
  /** False only with --no-disclosure-control: then the report is not for publication. */
  applied: boolean;
  min_cell_size: number;
  /** Cells suppressed by the primary rule (small cells). */
  primary_suppressed: number;
  /** Cells suppressed so that a small cell cannot be recovered by subtraction. */
  complementary_suppressed: number;
}

/** One row per outcome × subgroup × arm × month. */
export interface ShareRow {
  outcome: string;
  /** `all` or `<variable>=<level>`. */
  subgroup: string;
  arm: string;
  month: number;
  /** Persons observed that month (censored left out). Null when suppressed. */
  n: number | null;
  events: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
}

/** One row per outcome × subgroup × non-reference arm × month. */
export interface EffectRow {
  outcome: string;
  subgroup: string;
  arm: string;
  reference: string;
  month: number;
  estimator: string;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p: number | null;
  /** How `p` was computed: `normal` or `randomization`. */
  p_method: string;
  suppressed: boolean;
}

export interface CensoringRow {
  month: number;
  /** Persons whose month was not yet observed at the extract date. */
  censored: number;
}

export interface Results {
  schema: typeof RESULTS_SCHEMA;
  tool: { name: 'effekt'; version: string };
  config: ResolvedConfig;
  inputs: Record<string, InputFile>;
  arms: string[];
  reference: string;
  /** Persons per arm. */
  n: Record<string, number>;
  /** Spell rows whose person_id is not a participant: counted, left out. */
  unmatched_spells: number;
  censoring: CensoringRow[];
  shares: ShareRow[];
  effects: EffectRow[];
  warnings: string[];
  disclosure?: DisclosureInfo;
  /** Later sections (results-schema.md); each optional until built. */
  balance?: unknown;
  composition?: unknown;
  cost_effectiveness?: unknown;
}
