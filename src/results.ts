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
  /** Month of a monthly outcome; null for a person-level outcome (config.personOutcomes). */
  month: number | null;
  estimator: string;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p: number | null;
  /** How `p` was computed: `normal`, `randomization` (R permutations) or `randomization-exact` (every assignment). */
  p_method: string;
  /** Holm-adjusted p over the primary family (every non-reference arm, primary outcome, primary month, `all`); absent elsewhere. */
  p_holm?: number | null;
  /** Sup-t simultaneous band over the months of this outcome × subgroup × arm curve; absent for person-level outcomes. */
  band_low?: number | null;
  band_high?: number | null;
  suppressed: boolean;
}

/**
 * An interaction (results-schema `interactions`): an arm's effect in level
 * `levels[0]` minus its effect in `levels[1]` of a two-level subgroup
 * variable, with a bootstrap CI from the same replicates and a p-value.
 */
export interface InteractionRow {
  outcome: string;
  subgroup_variable: string;
  levels: [string, string];
  arm: string;
  reference: string;
  month: number | null;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p: number | null;
  /** `bootstrap` (from the replicates' spread, see methods) or `normal`. */
  p_method: string;
  suppressed: boolean;
}

/** Mean of a person-level outcome (config.personOutcomes) by subgroup and arm. */
export interface PersonOutcomeRow {
  outcome: string;
  subgroup: string;
  arm: string;
  /** Persons with a value. */
  n: number | null;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
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
  /** Persons per arm; null when disclosure control hides an arm's count. */
  n: Record<string, number | null>;
  /** Spell rows whose person_id is not a participant: counted, left out. */
  unmatched_spells: number;
  censoring: CensoringRow[];
  shares: ShareRow[];
  effects: EffectRow[];
  warnings: string[];
  disclosure?: DisclosureInfo;
  /** Differences of effects between the two levels of each two-level subgroup variable. */
  interactions?: InteractionRow[];
  /** Means by arm of the person-level outcomes; their effects are in `effects` with month null. */
  person_outcomes?: PersonOutcomeRow[];
  /** Covariate balance between the arms (results-schema `balance`); absent without covariates or pre-months. */
  balance?: BalanceSection;
  /** Exclusive status composition by arm and month (data-contract §4), with effects on each status. */
  composition?: CompositionSection;
  /** Incremental cost and work-months, ICER, net benefit and CEAC; absent without costs.csv. */
  cost_effectiveness?: CostEffectivenessSection;
}

/**
 * One balance comparison: a covariate (or one level of a categorical one, or
 * the primary outcome in a pre-randomization month) in an arm against the
 * reference. Means of 0/1 variables are shares and follow disclosure control.
 */
export interface BalanceRow {
  /** Covariate column; a categorical level as `<column>=<level>`; a pre-month outcome by its outcome name. */
  variable: string;
  /** Pre-randomization month (−P … −1) for the primary outcome's rows; null for covariates. */
  month: number | null;
  /** `numeric` (a number as is), `binary` (0/1 column or a level dummy: the mean is a share). */
  kind: 'numeric' | 'binary';
  arm: string;
  reference: string;
  mean: number | null;
  reference_mean: number | null;
  /** (mean − reference_mean) / sqrt((var + reference_var) / 2), variances on n − 1; null when both variances are 0 or suppressed. */
  smd: number | null;
  /** |smd| > 0.1; null when smd is null. */
  flagged: boolean | null;
  /** Persons of the arm without a value (left out of the mean); null when 1 … minCellSize − 1. */
  missing: number | null;
  reference_missing: number | null;
  /** A missing count is withheld (small cell). */
  missing_suppressed: boolean;
  suppressed: boolean;
}

export interface BalanceJointTest {
  /** Sum over rows of squared SMDs (standardizing SDs of the observed assignment, held fixed). */
  statistic: number;
  p: number;
  method: 'randomization';
  /** Assignments compared: R random within-block permutations, or every distinct one when `exact`. */
  permutations: number;
  /** True when every distinct within-block assignment was enumerated (p is then exact). */
  exact: boolean;
  /** Seed of the permutation streams (bootstrap.seed XOR a fixed constant). */
  seed: number;
  /** Rows (variable × arm) whose squared SMD enters the statistic. */
  terms: number;
}

export interface BalanceSection {
  rows: BalanceRow[];
  /** Null when no row has a defined SMD. */
  joint: BalanceJointTest | null;
}

/**
 * Shares and effects with `outcome` = an exclusive status, subgroup `all`.
 * The statuses of a subgroup × arm × month add up to its n, which disclosure
 * control takes into account.
 */
export interface CompositionSection {
  /** STATUS_NAMES in priority order (data-contract §4). */
  statuses: string[];
  shares: ShareRow[];
  effects: EffectRow[];
}

export interface CeacPoint {
  /** SEK per work-month. */
  value: number;
  /** Share of bootstrap replicates with net monetary benefit > 0 at this value. */
  probability: number;
}

/** One non-reference arm against the reference, in one subgroup. */
export interface CostEffectivenessRow {
  subgroup: string;
  arm: string;
  reference: string;
  /** Mean cost per participant (SEK). */
  cost: number | null;
  reference_cost: number | null;
  delta_cost: number | null;
  delta_cost_ci_low: number | null;
  delta_cost_ci_high: number | null;
  /** Mean person-months in the primary outcome over months 1 … M (sum of the monthly shares). */
  work_months: number | null;
  reference_work_months: number | null;
  delta_work_months: number | null;
  delta_work_months_ci_low: number | null;
  delta_work_months_ci_high: number | null;
  /** Difference in the share in the primary outcome at the primary month. */
  delta_share: number | null;
  delta_share_ci_low: number | null;
  delta_share_ci_high: number | null;
  /** SEK per additional work-month; null when not meaningful. */
  icer_work_months: number | null;
  icer_work_months_ci_low: number | null;
  icer_work_months_ci_high: number | null;
  /** The interval of delta_work_months excludes zero. */
  icer_meaningful: boolean;
  /** valuePerWorkMonth × delta_work_months − delta_cost; null without valuePerWorkMonth. */
  net_benefit: number | null;
  net_benefit_ci_low: number | null;
  net_benefit_ci_high: number | null;
  ceac: CeacPoint[];
  suppressed: boolean;
}

export interface CostEffectivenessSection {
  /** `person` (costs.csv per person) or `arm` (cost per participant by arm). */
  cost_source: 'person' | 'arm';
  value_per_work_month: number | null;
  outcome: string;
  months: number;
  primary_month: number;
  rows: CostEffectivenessRow[];
}
