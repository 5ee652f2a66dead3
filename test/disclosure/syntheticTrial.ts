/**
 * Small random trials person by person, counted here independently of
 * src/estimate, so disclosure control can be checked against known truth:
 * every relation among the counts (subgroup levels add up to `all` plus the
 * persons with the level missing, statuses add up to n, arms add up to the
 * persons randomized) holds because the counts come from the same persons.
 * Sizes and probabilities are chosen so that small cells are common.
 */
import { resolveConfig } from '../../src/config/resolve.js';
import { RandomStream } from '../../src/random/stream.js';
import { RESULTS_SCHEMA, type EffectRow, type Results, type ShareRow } from '../../src/results.js';

export interface Variable {
  name: string;
  levels: string[];
}

export interface Trial {
  arms: string[];
  variables: Variable[];
  outcomes: string[];
  statuses: string[];
  months: number;
  minCellSize: number;
  persons: Person[];
}

export interface Person {
  arm: number;
  /** Level index per variable, −1 when missing. */
  levels: number[];
  /** Last observed month (censored after it). */
  observedUntil: number;
  /** outcome[o][t]: 0 or 1. */
  outcome: number[][];
  /** status[t]: index into statuses. */
  status: number[];
}

const pick = <T>(rng: RandomStream, items: readonly T[]): T => items[rng.nextInt(items.length)];

export function randomTrial(seed: number): Trial {
  const rng = new RandomStream(seed, 7);
  const arms = ['FS', 'SE', 'CM'].slice(0, 2 + rng.nextInt(2));
  const variables: Variable[] = [
    { name: 'gender', levels: ['K', 'M'] },
    { name: 'region', levels: ['n', 's', 'm'].slice(0, 1 + rng.nextInt(3)) },
  ];
  const outcomes = ['work', 'studies'].slice(0, 1 + rng.nextInt(2));
  const statuses = ['work', 'education', 'none'];
  const months = 1 + rng.nextInt(3);
  const minCellSize = pick(rng, [3, 5, 5, 5]);
  const size = pick(rng, [6, 12, 25, 40, 80]);
  const missingRate = variables.map(() => pick(rng, [0, 0, 0.03, 0.15]));
  const outcomeRate = outcomes.map(() => pick(rng, [0, 0.03, 0.1, 0.5, 0.9, 0.97, 1]));
  const statusRate = pick(rng, [[0.05, 0.05, 0.9], [0.3, 0.3, 0.4], [0.02, 0.5, 0.48]]);
  const censoring = pick(rng, [0, 0, 0.3]);
  const persons: Person[] = [];
  for (let p = 0; p < size; p++) {
    // Some arms small on purpose: an arm of 1–4 persons must not be shown.
    const arm = rng.nextFloat() < 0.1 ? arms.length - 1 : rng.nextInt(arms.length);
    persons.push({
      arm,
      levels: variables.map((v, k) => (rng.nextFloat() < missingRate[k] ? -1 : rng.nextInt(v.levels.length))),
      observedUntil: rng.nextFloat() < censoring ? rng.nextInt(months + 1) : months,
      outcome: outcomes.map((_, o) => Array.from({ length: months }, () => (rng.nextFloat() < outcomeRate[o] ? 1 : 0))),
      status: Array.from({ length: months }, () => {
        const u = rng.nextFloat();
        return u < statusRate[0] ? 0 : u < statusRate[0] + statusRate[1] ? 1 : 2;
      }),
    });
  }
  return { arms, variables, outcomes, statuses, months, minCellSize, persons };
}

/** The primary rule, written out again here so the test does not lean on src/. */
export function smallCell(n: number, events: number, min: number): boolean {
  return n < min || (events > 0 && events < min) || (n - events > 0 && n - events < min);
}

export function subgroupLabels(trial: Trial): { label: string; member: (p: Person) => boolean }[] {
  return [
    { label: 'all', member: () => true },
    ...trial.variables.flatMap((v, k) => v.levels.map((level, l) => ({ label: `${v.name}=${level}`, member: (p: Person) => p.levels[k] === l }))),
  ];
}

function shareRows(trial: Trial, outcomes: string[], value: (p: Person, o: number, t: number) => number, subgroups = subgroupLabels(trial)): ShareRow[] {
  const rows: ShareRow[] = [];
  outcomes.forEach((outcome, o) => {
    for (const { label, member } of subgroups) {
      trial.arms.forEach((arm, a) => {
        for (let t = 0; t < trial.months; t++) {
          const observed = trial.persons.filter((p) => p.arm === a && member(p) && p.observedUntil > t);
          const n = observed.length;
          const events = observed.filter((p) => value(p, o, t) === 1).length;
          rows.push({
            outcome, subgroup: label, arm, month: t + 1, n, events,
            share: n === 0 ? null : events / n,
            ci_low: n === 0 ? null : Math.max(0, events / n - 0.1),
            ci_high: n === 0 ? null : Math.min(1, events / n + 0.1),
            suppressed: smallCell(n, events, trial.minCellSize),
          });
        }
      });
    }
  });
  return rows;
}

function effectRows(trial: Trial, shares: ShareRow[]): EffectRow[] {
  const find = (r: ShareRow, arm: string) => shares.find((s) => s.outcome === r.outcome && s.subgroup === r.subgroup && s.arm === arm && s.month === r.month)!;
  return shares
    .filter((r) => r.arm !== trial.arms[0])
    .map((r) => {
      const ref = find(r, trial.arms[0]);
      const estimate = r.share === null || ref.share === null ? null : r.share - ref.share;
      return {
        outcome: r.outcome, subgroup: r.subgroup, arm: r.arm, reference: trial.arms[0], month: r.month, estimator: 'diff',
        estimate, se: estimate === null ? null : 0.05, ci_low: estimate === null ? null : estimate - 0.1, ci_high: estimate === null ? null : estimate + 0.1,
        p: estimate === null ? null : 0.5, p_method: 'normal', suppressed: r.suppressed || ref.suppressed,
      };
    });
}

/** Results as producers hand them to disclosure control: full values, primary rows marked. */
export function trueResults(trial: Trial, withComposition = true): Results {
  const config = resolveConfig({ arms: trial.arms, reference: trial.arms[0], subgroups: trial.variables.map((v) => v.name), minCellSize: trial.minCellSize, followUpMonths: trial.months });
  const shares = shareRows(trial, trial.outcomes, (p, o, t) => p.outcome[o][t]);
  const n: Record<string, number> = Object.fromEntries(trial.arms.map((arm, a) => [arm, trial.persons.filter((p) => p.arm === a).length]));
  const results: Results = {
    schema: RESULTS_SCHEMA,
    tool: { name: 'effekt', version: 'test' },
    config,
    inputs: { participants: { file: 'participants.csv', sha256: '0'.repeat(64), rows: trial.persons.length } },
    arms: trial.arms,
    reference: trial.arms[0],
    n,
    unmatched_spells: 0,
    censoring: Array.from({ length: trial.months }, (_, t) => ({ month: t + 1, censored: trial.persons.filter((p) => p.observedUntil <= t).length })),
    shares,
    effects: effectRows(trial, shares),
    warnings: [],
  };
  if (withComposition) {
    const compositionShares = shareRows(trial, trial.statuses, (p, s, t) => (p.status[t] === s ? 1 : 0), subgroupLabels(trial).slice(0, 1));
    results.composition = { statuses: trial.statuses, shares: compositionShares, effects: effectRows(trial, compositionShares) } as Results['composition'];
  }
  return results;
}
