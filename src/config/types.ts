/** The analysis plan (config.md), with every default filled in. */
export interface ResolvedConfig {
  arms: string[];
  reference: string;
  /** Assignment probabilities by arm; equal shares when not configured. */
  allocation: Record<string, number>;
  followUpMonths: number;
  preMonths: number;
  rule: OutcomeRule;
  /** ISO date, or null when the registers' end is not given. */
  extractDate: string | null;
  outcomes: Record<string, string[]>;
  primaryOutcome: string;
  primaryMonth: number;
  subgroups: string[];
  /** Randomization block column, or null for none. */
  block: string | null;
  covariates: string[];
  /**
   * What `ols` and `lin` do with a person whose covariate is empty: `error`
   * (refuse the run, naming file, line and column) or `indicator` (a numeric
   * covariate's missing values take its mean and get a 0/1 missing-indicator
   * column; a categorical covariate gets a level of its own). An Effekt
   * extension of config.md.
   */
  missingCovariates: MissingCovariates;
  personOutcomes: string[];
  valuePerWorkMonth: number | null;
  estimator: Estimator;
  bootstrap: { replicates: number; seed: number; ci: CiMethod; level: number };
  inference: { method: InferenceMethod; permutations: number };
  minCellSize: number;
  lang: 'en' | 'sv';
  columns: Record<string, string>;
}

export type OutcomeRule = 'end' | 'any' | 'majority';
export type Estimator = 'diff' | 'blocked' | 'ols' | 'lin';
export type MissingCovariates = 'error' | 'indicator';
export type CiMethod = 'percentile' | 'basic' | 'normal' | 'bca';
export type InferenceMethod = 'randomization' | 'normal';

/** A config file's content before defaults: every key optional. */
export type ConfigInput = Partial<Omit<ResolvedConfig, 'bootstrap' | 'inference'>> & {
  bootstrap?: Partial<ResolvedConfig['bootstrap']>;
  inference?: Partial<ResolvedConfig['inference']>;
};
