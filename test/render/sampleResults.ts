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
