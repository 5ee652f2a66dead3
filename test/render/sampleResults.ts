/**
 * A small hand-made Results object for chart and report tests: three arms,
 * months 1–15, subgroups all / gender=K / gender=M, two outcomes, and one
 * suppressed row (work, all, CM, month 1: 3 events, below minCellSize 5).
 * Month-15 events in the full sample are FS 64/355, SE 92/354, CM 71/354,
 * close to the published 18 / 26 / 20 %.
 */
import type { ResolvedConfig } from '../../src/config/types.js';
import { RESULTS_SCHEMA, type EffectRow, type Results, type ShareRow } from '../../src/results.js';

export interface SampleOptions {
  arms?: [string, string, string];
  outcomes?: [string, string];
  lang?: 'en' | 'sv';
}

const MONTHS = 15;
const Z = 1.959963984540054;

/** Persons per arm in each subgroup (columns: arm 0, 1, 2). */
const SUBGROUP_N: Record<string, [number, number, number]> = {
  all: [355, 354, 354],
  'gender=K': [170, 171, 169],
  'gender=M': [185, 183, 185],
};

/** Events at month 15 per subgroup and arm, for the first outcome. */
const EVENTS_AT_END: Record<string, [number, number, number]> = {
  all: [64, 92, 71],
  'gender=K': [31, 34, 33],
  'gender=M': [33, 58, 38],
};

export function sampleResults(options: SampleOptions = {}): Results {
  const arms = options.arms ?? ['FS', 'SE', 'CM'];
  const outcomes = options.outcomes ?? ['work', 'employment'];
  const reference = arms[0];
  const config: ResolvedConfig = {
    arms: [...arms],
    reference,
    allocation: Object.fromEntries(arms.map((arm) => [arm, 1 / 3])),
    followUpMonths: MONTHS,
    preMonths: 0,
    rule: 'end',
    extractDate: null,
    outcomes: {
      [outcomes[0]]: ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'],
      [outcomes[1]]: ['work_unsubsidized', 'work_subsidized', 'work_sheltered'],
    },
    primaryOutcome: outcomes[0],
    primaryMonth: MONTHS,
    subgroups: ['gender'],
    block: 'block',
    covariates: [],
    missingCovariates: 'error',
    personOutcomes: [],
    valuePerWorkMonth: null,
    estimator: 'diff',
    bootstrap: { replicates: 2000, seed: 20170331, ci: 'percentile', level: 0.95 },
    inference: { method: 'randomization', permutations: 2000 },
    minCellSize: 5,
    lang: options.lang ?? 'en',
    columns: {},
  };

  const shares: ShareRow[] = [];
  const effects: EffectRow[] = [];
  outcomes.forEach((outcome, outcomeIndex) => {
    for (const subgroup of Object.keys(SUBGROUP_N)) {
      for (let month = 1; month <= MONTHS; month++) {
        const rows = arms.map((arm, armIndex) => {
          const n = SUBGROUP_N[subgroup][armIndex];
          const events = monthlyEvents(EVENTS_AT_END[subgroup][armIndex], armIndex, month, outcomeIndex);
          return shareRow(outcome, subgroup, arm, month, n, events);
        });
        shares.push(...rows);
        for (let armIndex = 1; armIndex < arms.length; armIndex++) {
          effects.push(effectRow(rows[armIndex], rows[0]));
        }
      }
    }
  });

  // Disclosure control: 3 persons is below minCellSize.
  const small = shares.find((r) => r.outcome === outcomes[0] && r.subgroup === 'all' && r.arm === arms[2] && r.month === 1)!;
  Object.assign(small, { n: null, events: null, share: null, ci_low: null, ci_high: null, suppressed: true });

  return {
    schema: RESULTS_SCHEMA,
    tool: { name: 'effekt', version: '0.1.0' },
    config,
    inputs: {
      participants: { file: 'participants.csv', sha256: 'a'.repeat(64), rows: 1063 },
      spells: { file: 'spells.csv', sha256: 'b'.repeat(64), rows: 24510 },
    },
    arms: [...arms],
    reference,
    n: Object.fromEntries(arms.map((arm, i) => [arm, SUBGROUP_N.all[i]])),
    unmatched_spells: 2,
    censoring: Array.from({ length: MONTHS }, (_, i) => ({ month: i + 1, censored: 0 })),
    shares,
    effects,
    warnings: [],
  };
}

/**
 * Arms run together until month 7, then part towards their month-15 level
 * (the shape of the 2017 trial). The second outcome is a bit lower.
 */
function monthlyEvents(atEnd: number, armIndex: number, month: number, outcomeIndex: number): number {
  const common = Math.round(atEnd * 0.35);
  const end = Math.round(atEnd * (outcomeIndex === 0 ? 1 : 0.8));
  const value = month <= 7 ? common * (month / 7) : common + (end - common) * ((month - 7) / (MONTHS - 7));
  const events = Math.round(value);
  // Keep month 1 small but distinct per arm so suppression has something to do.
  return month === 1 ? 3 + armIndex : events;
}

function shareRow(outcome: string, subgroup: string, arm: string, month: number, n: number, events: number): ShareRow {
  const share = events / n;
  const half = Z * Math.sqrt((share * (1 - share)) / n);
  return { outcome, subgroup, arm, month, n, events, share, ci_low: Math.max(0, share - half), ci_high: Math.min(1, share + half), suppressed: false };
}

function effectRow(row: ShareRow, ref: ShareRow): EffectRow {
  const p1 = row.share!;
  const p0 = ref.share!;
  const estimate = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / (row.n! - 1) + (p0 * (1 - p0)) / (ref.n! - 1));
  return {
    outcome: row.outcome,
    subgroup: row.subgroup,
    arm: row.arm,
    reference: ref.arm,
    month: row.month,
    estimator: 'diff',
    estimate,
    se,
    ci_low: estimate - Z * se,
    ci_high: estimate + Z * se,
    p: se > 0 ? twoSidedNormalP(estimate / se) : 1,
    p_method: 'randomization',
    suppressed: false,
  };
}

/** Two-sided normal p-value (Abramowitz & Stegun 7.1.26 for erfc). */
function twoSidedNormalP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** Mark the matching share rows suppressed (values nulled), in place. */
export function suppressShares(results: Results, match: (row: ShareRow) => boolean): Results {
  for (const row of results.shares.filter(match)) {
    Object.assign(row, { n: null, events: null, share: null, ci_low: null, ci_high: null, suppressed: true });
  }
  return results;
}

/** The sup-t critical value of the hand-made bands: the band is estimate ± 2.8 × se in every month. */
export const BAND_CRITICAL = 2.8;

/**
 * Adds the inference results of a full run to sampleResults(), in place, by
 * hand so that tests can state the expected numbers:
 * - bands on every effect of the primary outcome in all persons
 *   (estimate ± 2.8 × se), p-values at month 15 set to SE 0.004 and CM 0.3,
 *   Holm-adjusted over the two: SE min(1, 2 × 0.004) = 0.008, CM
 *   max(0.008, 0.3) = 0.3;
 * - a person-level outcome `earnings` (SEK): means by arm in all persons
 *   FS 10 250.5 (n 350), SE 12 100 (n 352), CM 10 900 (n 351), CI ± 1 000,
 *   and by gender; effects SE 1 849.5 (CI 400 to 3 300, p 0.012) and CM
 *   649.5 (CI −800 to 2 100, p 0.38);
 * - interactions of gender (M minus K) for work at month 15 (from the
 *   subgroup effects of the sample) and for earnings: SE (13 128 − 10 670)
 *   − (11 000 − 9 800) = 1 258, CM (11 358 − 10 670) − (10 400 − 9 800) = 88.
 */
export function withInference(results: Results): Results {
  const first = results.config.primaryOutcome;
  const [, se, cm] = results.arms;
  for (const row of results.effects) {
    if (row.outcome !== first || row.subgroup !== 'all') continue;
    row.band_low = row.estimate! - BAND_CRITICAL * row.se!;
    row.band_high = row.estimate! + BAND_CRITICAL * row.se!;
  }
  const primary = (arm: string) => results.effects.find((r) => r.outcome === first && r.subgroup === 'all' && r.arm === arm && r.month === MONTHS)!;
  Object.assign(primary(se), { p: 0.004, p_holm: 0.008 });
  Object.assign(primary(cm), { p: 0.3, p_holm: 0.3 });

  results.config.personOutcomes = ['earnings'];
  const [fs] = results.arms;
  const means: Record<string, [number, number][]> = {
    all: [[350, 10250.5], [352, 12100], [351, 10900]],
    'gender=K': [[168, 9800], [170, 11000], [168, 10400]],
    'gender=M': [[182, 10670], [182, 13128], [183, 11358]],
  };
  results.person_outcomes = Object.entries(means).flatMap(([subgroup, rows]) =>
    rows.map(([n, mean], i) => ({ outcome: 'earnings', subgroup, arm: results.arms[i], n, mean, ci_low: mean - 1000, ci_high: mean + 1000, suppressed: false })),
  );
  const personEffect = (arm: string, estimate: number, low: number, high: number, p: number): EffectRow => ({
    outcome: 'earnings', subgroup: 'all', arm, reference: fs, month: null, estimator: 'diff', estimate, se: (high - low) / (2 * Z), ci_low: low, ci_high: high, p, p_method: 'randomization', suppressed: false,
  });
  results.effects.push(personEffect(se, 1849.5, 400, 3300, 0.012), personEffect(cm, 649.5, -800, 2100, 0.38));
  for (const subgroup of ['gender=K', 'gender=M']) {
    for (const arm of [se, cm]) {
      const ref = means[subgroup][0][1];
      const mean = means[subgroup][results.arms.indexOf(arm)][1];
      results.effects.push({ ...personEffect(arm, mean - ref, mean - ref - 1500, mean - ref + 1500, 0.2), subgroup });
    }
  }

  const effect = (subgroup: string, arm: string) => results.effects.find((r) => r.outcome === first && r.subgroup === subgroup && r.arm === arm && r.month === MONTHS)!.estimate!;
  results.interactions = [
    ...[se, cm].map((arm) => {
      const estimate = effect('gender=M', arm) - effect('gender=K', arm);
      return { outcome: first, subgroup_variable: 'gender', levels: ['M', 'K'] as [string, string], arm, reference: fs, month: MONTHS, estimate, ci_low: estimate - 0.1, ci_high: estimate + 0.1, p: 0.25, p_method: 'bootstrap', suppressed: false };
    }),
    // Another month: in the CSV, not in the report's table.
    { outcome: first, subgroup_variable: 'gender', levels: ['M', 'K'], arm: se, reference: fs, month: 10, estimate: 0.01, ci_low: -0.05, ci_high: 0.07, p: 0.7, p_method: 'bootstrap', suppressed: false },
    { outcome: 'earnings', subgroup_variable: 'gender', levels: ['M', 'K'], arm: se, reference: fs, month: null, estimate: 1258, ci_low: -700, ci_high: 3200, p: 0.11, p_method: 'bootstrap', suppressed: false },
    { outcome: 'earnings', subgroup_variable: 'gender', levels: ['M', 'K'], arm: cm, reference: fs, month: null, estimate: 88, ci_low: -1900, ci_high: 2000, p: 0.76, p_method: 'bootstrap', suppressed: false },
  ];
  return results;
}
