/**
 * All report wording, in one table per language. Swedish report text is not
 * written yet: `sv` falls back to English (chart labels are already
 * translated, see src/render/chartStrings.ts). To add it, copy `en` into `sv`
 * and translate the values; the report code needs no change.
 */
import type { CiMethod, Estimator, OutcomeRule } from '../config/types.js';
import { chartStrings } from '../render/chartStrings.js';

export interface ReportStrings {
  htmlLang: string;
  title: string;
  intervalJoiner: string;
  reference: string;
  /** Outcome name (config key) as words in running text: `work_subsidized` → "subsidized work". */
  outcome(name: string): string;
  headings: {
    summary: string;
    figure1: string;
    monthly: string;
    shares: string;
    effects: string;
    subgroups: string;
    outcomes: string;
    censoring: string;
    warnings: string;
    methods: string;
    provenance: string;
  };
  columns: {
    month: string;
    arm: string;
    subgroup: string;
    outcome: string;
    persons: string;
    share: string;
    ci(level: string): string;
    ciPoints(level: string): string;
    difference: string;
    se: string;
    p: string;
    censored: string;
    input: string;
    file: string;
    rows: string;
    sha256: string;
  };
  armWithN(arm: string, n: string): string;
  subgroupLabel(subgroup: string): string;
  summary(args: { month: number; arm: string; armShare: string; reference: string; referenceShare: string; outcome: string; difference: string; level: string; interval: string; pClause: string | null }): string;
  summaryUnavailable(month: number, arm: string, reference: string, outcome: string): string;
  randomized(total: string, perArm: string): string;
  figure1Caption(outcome: string, month: number, level: string): string;
  monthlyCaption(outcome: string, level: string): string;
  sharesCaption(outcome: string, level: string): string;
  effectsCaption(outcome: string, reference: string): string;
  subgroupsCaption(outcome: string, month: number, reference: string): string;
  outcomesCaption(month: number, reference: string): string;
  suppressedNote(minCellSize: number): string;
  censoring(extractDate: string | null): string;
  noWarnings: string;
  methods: {
    intentionToTreat: string;
    months(rule: OutcomeRule): string;
    censoring(extractDate: string): string;
    outcomesIntro: string;
    outcomeDefinition(outcome: string, types: string[]): string;
    estimator(estimator: Estimator, reference: string): string;
    standardError(estimator: Estimator): string;
    bootstrap(args: { replicates: string; seed: number; strata: string; ci: CiMethod; level: string }): string;
    strataWithBlock(block: string): string;
    strataArmOnly: string;
    pValue(method: string, permutations: string): string;
    disclosure(minCellSize: number): string;
  };
  provenance: {
    tool(name: string, version: string, schema: string, seed: number): string;
    unmatchedSpells(count: string): string;
    configIntro: string;
  };
}

const RULES: Record<OutcomeRule, string> = {
  end: 'they are in it on the last day of the month window (rule "end")',
  any: 'they are in it on at least one day of the month window (rule "any")',
  majority: 'they are in it on more than half of the days of the month window (rule "majority")',
};

const ESTIMATORS: Record<Estimator, string> = {
  diff: 'the difference in shares between the arm and the reference arm',
  blocked: 'the block-size weighted average of within-block differences in shares',
  ols: 'the coefficient of the arm indicator in a linear regression on arm, block and covariates',
  lin: 'the arm coefficient of the Lin (2013) regression with centred covariates interacted with arm',
};

const STANDARD_ERRORS: Record<Estimator, string> = {
  diff: 'Standard errors are the analytic Neyman (HC2) ones, sqrt(s₁²/n₁ + s₀²/n₀) with sample variances using n − 1 (as estimatr::difference_in_means).',
  blocked: 'Standard errors follow estimatr::difference_in_means with blocks.',
  ols: 'Standard errors are HC2 heteroskedasticity-robust (as estimatr::lm_robust).',
  lin: 'Standard errors are HC2 heteroskedasticity-robust (as estimatr::lm_lin).',
};

const CI_METHODS: Record<CiMethod, string> = {
  percentile: 'percentile intervals (quantiles as R type 7)',
  basic: 'basic bootstrap intervals',
  normal: 'normal intervals with the bootstrap standard error',
  bca: 'bias-corrected and accelerated (BCa) intervals',
};

const en: ReportStrings = {
  htmlLang: 'en',
  title: 'Effekt report',
  intervalJoiner: 'to',
  reference: 'reference',
  outcome: chartStrings('en').outcome,
  headings: {
    summary: 'Summary',
    figure1: 'Figure 1',
    monthly: 'Month by month',
    shares: 'Shares by month',
    effects: 'Effects by month',
    subgroups: 'Subgroups',
    outcomes: 'All outcomes',
    censoring: 'Censoring',
    warnings: 'Warnings',
    methods: 'Methods',
    provenance: 'Provenance',
  },
  columns: {
    month: 'Month',
    arm: 'Arm',
    subgroup: 'Subgroup',
    outcome: 'Outcome',
    persons: 'n',
    share: 'Share',
    ci: (level) => `${level} CI`,
    ciPoints: (level) => `${level} CI (pp)`,
    difference: 'Difference (pp)',
    se: 'SE (pp)',
    p: 'p',
    censored: 'Persons censored',
    input: 'Input',
    file: 'File',
    rows: 'Rows',
    sha256: 'SHA-256',
  },
  armWithN: (arm, n) => `${arm} (n = ${n})`,
  subgroupLabel: (subgroup) => (subgroup === 'all' ? 'All persons' : subgroup.replace('=', ' = ')),
  summary: (a) =>
    `At month ${a.month}, ${a.armShare} of ${a.arm} were in ${a.outcome} vs ${a.referenceShare} of ${a.reference}: ` +
    `a difference of ${a.difference} percentage points (${a.level} CI ${a.interval}${a.pClause ? `; ${a.pClause}` : ''}).`,
  summaryUnavailable: (month, arm, reference, outcome) =>
    `At month ${month}, the comparison of ${arm} with ${reference} in ${outcome} is not available (suppressed or missing).`,
  randomized: (total, perArm) => `${total} persons randomized: ${perArm}.`,
  figure1Caption: (outcome, month, level) => `Figure 1. Share in ${outcome} ${month} months after randomization, by arm, with ${level} confidence intervals.`,
  monthlyCaption: (outcome, level) => `Figure 2. Share in ${outcome} by month after randomization, by arm, with ${level} confidence bands.`,
  sharesCaption: (outcome, level) => `Table 1. Share in ${outcome} by arm and month, all persons: share (${level} confidence interval).`,
  effectsCaption: (outcome, reference) => `Table 2. Effect on ${outcome} by month: difference from ${reference} in percentage points (pp).`,
  subgroupsCaption: (outcome, month, reference) => `Table 3. Share in ${outcome} at month ${month} by subgroup, and difference from ${reference}.`,
  outcomesCaption: (month, reference) => `Table 4. Every outcome at month ${month}, all persons, and difference from ${reference}.`,
  suppressedNote: (min) => `– suppressed: fewer than ${min} persons in the cell (disclosure control).`,
  censoring: (extractDate) =>
    `Some follow-up months had not ended for everyone by ${extractDate === null ? 'the end of the register data' : `the register extract date ${extractDate}`}. ` +
    'Those persons are left out of the shares and effects of those months (numerator and denominator).',
  noWarnings: 'No warnings.',
  methods: {
    intentionToTreat: 'Analysis by intention to treat: every person counts in the arm they were randomized to, whatever happened later.',
    months: (rule) =>
      'Month m after randomization is the calendar-month window from the randomization date plus m − 1 months to the day before the randomization date plus m months ' +
      `(days clamped to the end of shorter months). A person is in an outcome in a month when ${RULES[rule]}.`,
    censoring: (date) => `The registers cover days up to ${date}; a month that ends later is not observed for that person.`,
    outcomesIntro: 'Outcomes (register spell types counted):',
    outcomeDefinition: (outcome, types) => `${outcome}: ${types.join(', ')}`,
    estimator: (estimator, reference) => `The effect of an arm is ${ESTIMATORS[estimator]} (arm ${reference} as reference; estimator "${estimator}").`,
    standardError: (estimator) => STANDARD_ERRORS[estimator],
    bootstrap: (a) =>
      `Confidence intervals (${a.level}) come from B = ${a.replicates} bootstrap replicates (seed ${a.seed}), resampling persons with replacement within strata of ${a.strata}; ` +
      `${CI_METHODS[a.ci]}.`,
    strataWithBlock: (block) => `arm × block (${block})`,
    strataArmOnly: 'arm',
    pValue: (method, permutations) =>
      method === 'randomization'
        ? `p-values (two-sided) by randomization inference: arm labels permuted within blocks among the persons of the two arms compared, R = ${permutations} permutations, p = (1 + #{|T*| ≥ |T|}) / (1 + R).`
        : method === 'normal'
          ? 'p-values (two-sided) from the normal approximation with the analytic standard error.'
          : `p-values (two-sided) by method "${method}".`,
    disclosure: (min) => `Disclosure control: values from cells with fewer than ${min} persons are suppressed and shown as –.`,
  },
  provenance: {
    tool: (name, version, schema, seed) => `Produced by ${name} ${version} (results schema ${schema}); bootstrap seed ${seed}.`,
    unmatchedSpells: (count) => `Spell rows whose person is not a participant (counted, left out): ${count}.`,
    configIntro: 'Resolved configuration:',
  },
};

const STRINGS: Record<'en' | 'sv', ReportStrings> = { en, sv: en };

export function reportStrings(lang: 'en' | 'sv'): ReportStrings {
  return STRINGS[lang] ?? en;
}
