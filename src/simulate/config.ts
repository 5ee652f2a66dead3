/**
 * eval.config.json of the synthetic extract: the 2017 trial's analysis plan,
 * using only keys documented in config.md (unknown keys are errors there).
 */
import type { ConfigInput } from '../config/types.js';
import { formatDay } from '../time/days.js';
import { ARMS, type TrialDesign } from './design.js';

/** Participant columns offered to the covariate-adjusted estimators and the balance table (diagnosis_group is categorical: one indicator per level). */
export const CONFIG_COVARIATES = ['age', 'children', 'foreign_born', 'upper_secondary', 'lss_decision', 'special_housing', 'diagnosis_group'];

export function simulatedConfig(design: TrialDesign): ConfigInput {
  return {
    arms: [...ARMS],
    reference: 'FS',
    followUpMonths: design.followUpMonths,
    extractDate: formatDay(design.extractDate),
    subgroups: ['gender', 'lss_daily_activity'],
    block: 'block',
    covariates: [...CONFIG_COVARIATES],
    bootstrap: { replicates: 2000, seed: 20170331 },
    minCellSize: 5,
  };
}

/** The config file's text: 2-space indent, trailing newline. */
export function configText(config: ConfigInput): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
