/**
 * All report wording, in one table per language. Swedish report text is not
 * written yet: `sv` falls back to English (chart labels are already
 * translated, see src/render/chartStrings.ts). To add it, copy `en` into `sv`
 * and translate the values; the report code needs no change.
 */
import type { CiMethod, Estimator, OutcomeRule } from '../config/types.js';
import { chartStrings } from '../render/chartStrings.js';
import { statusLabel } from '../render/statusStrings.js';

export interface ReportStrings {
  htmlLang: string;
  title: string;
  intervalJoiner: string;
  reference: string;
  /** Outcome name (config key) as words in running text: `work_subsidized` → "subsidized work". */
  outcome(name: string): string;
  /** Numbers of tables and figures, given in reading order when the document is assembled. */
  tableLabel(n: number): string;
  figureLabel(n: number): string;
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
    composition: string;
    costEffectiveness: string;
    balance: string;
    interactions: string;
    personOutcomes: string;
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
    pHolm: string;
    band(level: string): string;
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
  effectOverTimeCaption(outcome: string, reference: string, level: string): string;
  inference: InferenceStrings;
  interactions: InteractionStrings;
  personOutcomes: PersonOutcomeStrings;
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
    covariates(estimator: Estimator, covariates: string[], block: string | null, missing: string | undefined): string | null;
    holm(outcome: string, month: number, arms: number): string;
    supT(level: string): string;
    interactions(level: string): string;
    personOutcomes(columns: string[]): string;
    disclosure(minCellSize: number): string;
  };
  composition: CompositionStrings;
  costEffectiveness: CostEffectivenessStrings;
  balance: BalanceStrings;
  provenance: {
    tool(name: string, version: string, schema: string, seed: number): string;
    unmatchedSpells(count: string): string;
    configIntro: string;
  };
}

/** How p-values, Holm-adjusted p-values and simultaneous bands are explained under a table. */
export interface InferenceStrings {
  /** A p-value method in a few words, e.g. "randomization inference with R = 2 000 permutations". */
  pMethod(method: string, permutations: string): string;
  /** The table's p-value legend: the first method unmarked, the others after their marker. */
  pNote(methods: { marker: string; text: string }[]): string;
  holmNote(outcome: string, month: number): string;
  /** "p = 0.008" → "Holm-adjusted p = 0.008". */
  holmClause(pClause: string): string;
  bandNote(level: string): string;
}

export interface InteractionStrings {
  intro: string;
  tableCaption(level: string): string;
  columns: { variable: string; comparison: string; month: string; difference: string; ci(level: string): string };
  comparison(a: string, b: string): string;
  /** The month cell of a person-level outcome's row. */
  personLevel: string;
  /** Units of the difference column; person-level outcomes have their own. */
  unitsNote(withPersonLevel: boolean): string;
}

export interface PersonOutcomeStrings {
  intro(outcomes: string[]): string;
  tableCaption(reference: string, level: string): string;
  columns: { mean: string; ci(level: string): string; difference: string; ciDifference(level: string): string };
}

export interface CompositionStrings {
  status(name: string): string;
  intro(statuses: string[]): string;
  figureCaption(month: number): string;
  tableCaption(month: number, reference: string, level: string): string;
  statusColumn: string;
  differenceColumn(arm: string, reference: string): string;
}

export interface CostEffectivenessStrings {
  intro(a: { source: 'person' | 'arm'; outcome: string; months: number; month: number }): string;
  means(a: { arm: string; cost: string; workMonths: string }[], outcome: string, months: number): string;
  tableCaption(outcome: string, reference: string, level: string): string;
  columns: {
    deltaCost: string;
    deltaWorkMonths: string;
    deltaShare(month: number): string;
    icer: string;
    netBenefit(value: string): string;
  };
  notMeaningful: string;
  icer(a: { arm: string; reference: string; icer: string; interval: string | null; level: string; fewerMonths: boolean; costsMore: boolean }): string;
  icerNotMeaningful(a: { arm: string; reference: string; interval: string; level: string }): string;
  icerUnavailable(arm: string, reference: string): string;
  noValue: string;
  ceacCaption(replicates: string, reference: string): string;
  ceacExplained: string;
}

export interface BalanceStrings {
  intro: string;
  variable(name: string, month: number | null, outcome: (name: string) => string): string;
  tableCaption(reference: string): string;
  columns: {
    variable: string;
    mean(arm: string, isReference: boolean): string;
    smd(arm: string): string;
  };
  flaggedMark: string;
  flaggedNote(count: number, total: number): string;
  missing(items: string[]): string;
  missingItem(variable: string, counts: string): string;
  fewerThan(min: number): string;
  joint(a: { statistic: string; terms: number; permutations: string; p: string; exact: boolean; seed: number }): string;
  noJoint: string;
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

const P_METHODS: Record<string, (permutations: string) => string> = {
  randomization: (permutations) => `randomization inference with R = ${permutations} permutations`,
  'randomization-exact': () => 'exact randomization inference over every assignment within blocks',
  normal: () => 'normal approximation with the analytic standard error',
  bootstrap: () => 'from the bootstrap distribution',
};

const CI_METHODS: Record<CiMethod, string> = {
  percentile: 'percentile intervals (quantiles as R type 7)',
  basic: 'basic bootstrap intervals (twice the estimate minus the upper and lower replicate quantiles)',
  normal: 'normal intervals with the bootstrap standard error',
  bca: 'bias-corrected and accelerated (BCa) intervals, acceleration from the jackknife (Efron 1987)',
};

const en: ReportStrings = {
  htmlLang: 'en',
  title: 'Effekt report',
  intervalJoiner: 'to',
  reference: 'reference',
  outcome: chartStrings('en').outcome,
  tableLabel: (n) => `Table ${n}.`,
  figureLabel: (n) => `Figure ${n}.`,
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
    composition: 'Composition of work',
    costEffectiveness: 'Cost-effectiveness',
    balance: 'Balance of the randomization',
    interactions: 'Interactions',
    personOutcomes: 'Person-level outcomes',
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
    pHolm: 'p (Holm)',
    band: (level) => `${level} simultaneous band (pp)`,
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
  figure1Caption: (outcome, month, level) => `Share in ${outcome} ${month} months after randomization, by arm, with ${level} confidence intervals.`,
  monthlyCaption: (outcome, level) => `Share in ${outcome} by month after randomization, by arm, with ${level} confidence bands.`,
  sharesCaption: (outcome, level) => `Share in ${outcome} by arm and month, all persons: share (${level} confidence interval).`,
  effectsCaption: (outcome, reference) => `Effect on ${outcome} by month: difference from ${reference} in percentage points (pp).`,
  subgroupsCaption: (outcome, month, reference) => `Share in ${outcome} at month ${month} by subgroup, and difference from ${reference}.`,
  outcomesCaption: (month, reference) => `Every outcome at month ${month}, all persons, and difference from ${reference}.`,
  effectOverTimeCaption: (outcome, reference, level) =>
    `Difference from ${reference} in the share in ${outcome} by month after randomization, with ${level} confidence intervals for each month (bars) and the ${level} sup-t simultaneous band (light area), ` +
    `which covers the whole curve of monthly differences at once with ${level} probability.`,
  inference: {
    pMethod: (method, permutations) => P_METHODS[method]?.(permutations) ?? `method "${method}"`,
    pNote: (methods) => `p: two-sided, ${methods.map((m) => (m.marker === '' ? m.text : `${m.marker} ${m.text}`)).join('; ')}.`,
    holmNote: (outcome, month) =>
      `p (Holm): adjusted by Holm's method over the primary family, the effect of every compared arm on ${outcome} at month ${month} in all persons; given only for that family.`,
    holmClause: (clause) => `Holm-adjusted ${clause}`,
    bandNote: (level) => `Band: ${level} sup-t simultaneous band over the months, covering the whole curve of an arm's differences with ${level} probability.`,
  },
  interactions: {
    intro:
      'An interaction is the difference between an arm\'s effect in one subgroup and its effect in another, e.g. the effect among men minus the effect among women: ' +
      'a value near zero means the arm works about equally well in both groups. Each interval comes from the same bootstrap replicates as the effects, so it accounts for both groups\' uncertainty.',
    tableCaption: (level) => `Interactions: the effect of each arm in one level of a subgroup variable minus its effect in the other level, with ${level} confidence intervals.`,
    columns: { variable: 'Subgroup variable', comparison: 'Comparison', month: 'Month', difference: 'Difference', ci: (level) => `${level} CI` },
    comparison: (a, b) => `effect in ${a} minus effect in ${b}`,
    personLevel: 'person',
    unitsNote: (withPersonLevel) =>
      withPersonLevel
        ? 'Differences of monthly outcomes in percentage points; of person-level outcomes (month "person") in the outcome\'s own units.'
        : 'Differences in percentage points.',
  },
  personOutcomes: {
    intro: (outcomes) =>
      `Outcomes measured once per person (${outcomes.join(', ')}), in their own units: the mean by arm over the persons with a value, ` +
      'and the difference from the reference with its bootstrap confidence interval.',
    tableCaption: (reference, level) => `Person-level outcomes, all persons: mean by arm (${level} CI) and difference from ${reference}.`,
    columns: { mean: 'Mean', ci: (level) => `${level} CI`, difference: 'Difference', ciDifference: (level) => `${level} CI of the difference` },
  },
  suppressedNote: (min) => `– suppressed (disclosure control): fewer than ${min} persons in the cell, or hidden so that such a cell cannot be worked out by subtraction.`,
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
        : method === 'randomization-exact'
          ? 'Exact randomization inference, where used: every distinct assignment of the arm labels within blocks is enumerated, and p (two-sided) = #{|T*| ≥ |T|} / (number of assignments).'
          : method === 'normal'
            ? 'p-values (two-sided) from the normal approximation with the analytic standard error.'
            : method === 'bootstrap'
              ? 'p-values of interactions (two-sided) come from the bootstrap distribution of the difference.'
              : `p-values (two-sided) by method "${method}".`,
    covariates: (estimator, covariates, block, missing) => {
      if (covariates.length === 0) return estimator === 'ols' || estimator === 'lin' ? `No covariates are configured${block === null ? '' : `; the block (${block}) enters as a factor`}.` : null;
      if (estimator === 'diff' || estimator === 'blocked') return `The configured covariates (${covariates.join(', ')}) enter the balance check, not the estimate.`;
      return (
        `Covariates: ${covariates.join(', ')}${block === null ? '' : `, with the block (${block}) as a factor`}` +
        `${estimator === 'lin' ? ', centred and interacted with arm' : ''}.` +
        (missing === 'indicator' ? ' A missing covariate value takes the covariate\'s mean with a 0/1 missing indicator (a level of its own for a categorical covariate).' : '')
      );
    },
    holm: (outcome, month, arms) =>
      `Multiplicity: the primary family is the effect of ${arms === 1 ? 'the compared arm' : `each of the ${arms} compared arms`} on ${outcome} at month ${month} in all persons; its p-values are also given Holm-adjusted (p (Holm)), which keeps the chance of any false finding in the family at the stated level. Other p-values are not adjusted.`,
    supT: (level) =>
      `Simultaneous bands: for each arm's curve of monthly effects, a ${level} sup-t band from the bootstrap replicates (Montiel Olea & Plagborg-Møller 2019): the estimate ± c × bootstrap SE in every month, with c the ${level} quantile of the largest standardized deviation over the months, so the band covers the whole curve at once with ${level} probability.`,
    interactions: (level) =>
      `Interactions: the difference of an arm's effect between the two levels of a two-level subgroup variable, with its ${level} interval from the same bootstrap replicates (the same resampled persons for both levels).`,
    personOutcomes: (columns) =>
      `Person-level outcomes (${columns.join(', ')}) are participant columns analysed with the same estimator, bootstrap and p-values as the monthly outcomes; a person without a value is left out of that outcome.`,
    disclosure: (min) => `Disclosure control: values from cells with fewer than ${min} persons, and cells from which such a value could be worked out by subtraction, are suppressed and shown as –.`,
  },
  composition: {
    status: (name) => statusLabel('en', name).toLowerCase(),
    intro: (statuses) =>
      'Every person is counted each month in exactly one status: the first that holds under the monthly rule, in the order ' +
      `${statuses.join(' > ')}. An arm's shares therefore add up to 100 %, and the difference in work between the arms splits into its parts. ` +
      'Intervals and effects use the same bootstrap replicates as the main estimates.',
    figureCaption: (month) => `Status ${month} months after randomization, by arm: the work statuses from the bottom.`,
    tableCaption: (month, reference, level) =>
      `Share in each status at month ${month} by arm, and difference from ${reference} in percentage points (${level} CI).`,
    statusColumn: 'Status',
    differenceColumn: (arm, reference) => `${arm} − ${reference} (pp)`,
  },
  costEffectiveness: {
    intro: (a) =>
      `Costs per participant come from costs.csv (${a.source === 'person' ? 'one cost per person; persons without one are left out of the mean cost' : 'one cost per participant for each arm, so the difference in cost has no sampling variation'}). ` +
      `The effect is counted in person-months in ${a.outcome} over months 1–${a.months} after randomization: the sum of the monthly shares, so that a month ` +
      'not yet observed for a person (censored) leaves that month\'s share only, as in the monthly estimates; without censoring this is the mean number of months in ' +
      `${a.outcome} per person. Also shown: the difference in the share in ${a.outcome} at month ${a.month}. ` +
      'All intervals, the net benefit and the acceptability curve come from the same bootstrap replicates as the main estimates (same resampled persons).',
    means: (arms, outcome, months) =>
      `Mean cost per participant and mean person-months in ${outcome} over ${months} months: ${arms.map((a) => `${a.arm} ${a.cost} SEK, ${a.workMonths} months`).join('; ')}.`,
    tableCaption: (outcome, reference, level) =>
      `Incremental cost and effect on ${outcome} against ${reference}, cost per additional person-month in ${outcome} (ICER) and net benefit, with ${level} confidence intervals.`,
    columns: {
      deltaCost: 'Δ cost, SEK',
      deltaWorkMonths: 'Δ person-months',
      deltaShare: (month) => `Δ share at month ${month} (pp)`,
      icer: 'SEK per extra person-month',
      netBenefit: (value) => `Net benefit at ${value} SEK, SEK`,
    },
    notMeaningful: 'not meaningful',
    icer: (a) => {
      const interval = a.interval === null ? ' (no interval: some replicates give a difference in person-months of the other sign; see the acceptability curve)' : ` (${a.level} CI ${a.interval})`;
      if (!a.fewerMonths) return `${a.arm} against ${a.reference}: ${a.icer} SEK per additional person-month in work${interval}.`;
      return a.costsMore
        ? `${a.arm} against ${a.reference}: costs more and gives fewer person-months in work (dominated), so there is no cost per additional month to report.`
        : `${a.arm} against ${a.reference}: saves ${a.icer} SEK per person-month in work given up${interval}.`;
    },
    icerNotMeaningful: (a) =>
      `${a.arm} against ${a.reference}: the cost per additional person-month is not meaningful, because the ${a.level} interval of the difference in person-months ` +
      `(${a.interval}) includes zero: the ratio could then take any size and either sign. The acceptability curve below shows the uncertainty instead.`,
    icerUnavailable: (arm, reference) => `${arm} against ${reference}: not available (suppressed: fewer persons than the disclosure threshold in a cell).`,
    noValue: 'Net benefit needs a value of one person-month in work (valuePerWorkMonth in the config); none is set, so the acceptability curve gives it for a range of values.',
    ceacCaption: (replicates, reference) =>
      `Cost-effectiveness acceptability curve: the probability (share of ${replicates} bootstrap replicates) that an arm's net benefit against ${reference} is positive, by the value of one person-month in work.`,
    ceacExplained: 'At a value of 0 the curve is the probability that the arm costs less than the reference; at high values it approaches the probability that it gives more person-months.',
  },
  balance: {
    intro:
      'Randomization should leave the arms alike before the intervention. For each characteristic, the table gives the mean by arm (shares for 0/1 characteristics) and the ' +
      'standardized mean difference against the reference, SMD = (mean of the arm − mean of the reference) / √((variance of the arm + variance of the reference) / 2), ' +
      'with sample variances on n − 1. |SMD| > 0.1 is flagged. A characteristic with text values is split into one 0/1 indicator per value. ' +
      'A person without a value is left out of that characteristic only.',
    variable: (name, month, outcome) => (month === null ? name.replace('=', ' = ') : `${outcome(name)}, month ${month}`),
    tableCaption: (reference) => `Characteristics at randomization by arm, and standardized mean difference (SMD) against ${reference}.`,
    columns: {
      variable: 'Characteristic',
      mean: (arm, isReference) => (isReference ? `${arm} (reference)` : arm),
      smd: (arm) => `SMD ${arm}`,
    },
    flaggedMark: ' *',
    flaggedNote: (count, total) => `* |SMD| > 0.1 (${count} of ${total} comparisons). Percentages are shares of the arm with the characteristic; other values are means.`,
    missing: (items) => `Persons left out for a missing value: ${items.join('; ')}.`,
    missingItem: (variable, counts) => `${variable}: ${counts}`,
    fewerThan: (min) => `fewer than ${min}`,
    joint: (a) =>
      `Joint test: the sum of the squared SMDs over ${a.terms} comparisons is T = ${a.statistic}. ` +
      (a.exact
        ? `Over all ${a.permutations} distinct assignments of the arm labels within blocks, p = ${a.p} (exact randomization inference). `
        : `In ${a.permutations} random permutations of the arm labels within blocks (all arms at once, seed ${a.seed}), p = ${a.p}, with p = (1 + #{T* ≥ T}) / (1 + R). `) +
      'The standard deviations of the SMDs are those of the actual assignment, held fixed in every permutation.',
    noJoint: 'No characteristic varies within the arms, so there is no joint test.',
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
