/**
 * Interactions (methods.md): for every subgroup variable with exactly two
 * levels, an arm's effect in the first level minus its effect in the second
 * (levels in the subgroup layout's order, e.g. gender K − M), per outcome
 * and month. The interval comes from the same bootstrap replicates (the
 * difference of the two effects replicate by replicate), by the configured
 * method; for BCa the jackknife influence sums add up, since the two levels
 * hold disjoint persons: Σ L² = Σ L²₁ + Σ L²₂, Σ L³ = Σ L³₁ − Σ L³₂.
 * The p-value is two-sided from the normal approximation with the
 * replicates' standard deviation as SE (p_method "bootstrap"): permuting
 * arms tests "no effect at all", not "the same effect in both levels".
 */
import type { CiMethod } from '../config/types.js';
import type { InteractionRow } from '../results.js';
import { bootstrapInterval } from './bootstrapInterval.js';
import { normalPValue } from './difference.js';
import { accelerationFromSums } from './shareInfluence.js';

export interface EffectCells {
  outcomes: readonly string[];
  /** Subgroup labels: `all`, then `<variable>=<level>`. */
  labels: readonly string[];
  arms: readonly string[];
  reference: number;
  /** Month of each month index; null for person-level outcomes (one "month"). */
  months: readonly (number | null)[];
  estimates: Float64Array;
  /** replicates[cell * B + b]. */
  replicates: Float64Array;
  B: number;
  squares: Float64Array | null;
  cubes: Float64Array | null;
  /** 1 where the effect is hidden by the primary disclosure rule. */
  suppressed: Uint8Array;
}

export interface TwoLevelVariable {
  name: string;
  levels: [string, string];
  /** Subgroup indices of the two levels. */
  subgroups: [number, number];
}

/** The subgroup variables of a layout that have exactly two levels. */
export function twoLevelVariables(labels: readonly string[]): TwoLevelVariable[] {
  const byName = new Map<string, { levels: string[]; subgroups: number[] }>();
  labels.forEach((label, s) => {
    if (s === 0) return;
    const at = label.indexOf('=');
    const name = label.slice(0, at);
    const entry = byName.get(name) ?? { levels: [], subgroups: [] };
    entry.levels.push(label.slice(at + 1));
    entry.subgroups.push(s);
    byName.set(name, entry);
  });
  return [...byName].filter(([, e]) => e.levels.length === 2).map(([name, e]) => ({ name, levels: [e.levels[0], e.levels[1]], subgroups: [e.subgroups[0], e.subgroups[1]] }));
}

export interface InteractionResult {
  rows: InteractionRow[];
  /** Per row, the effect cells it subtracts (second from first). */
  cells: { first: number; second: number }[];
  degenerate: number;
}

export function interactionRows(cells: EffectCells, method: CiMethod, level: number): InteractionResult {
  const S = cells.labels.length;
  const A = cells.arms.length;
  const T = cells.months.length;
  const { B } = cells;
  const cell = (o: number, s: number, a: number, t: number) => ((o * S + s) * A + a) * T + t;
  const difference = new Float64Array(B);
  const scratch = new Float64Array(B);
  const rows: InteractionRow[] = [];
  const pairs: { first: number; second: number }[] = [];
  let degenerate = 0;
  for (const variable of twoLevelVariables(cells.labels)) {
    for (let o = 0; o < cells.outcomes.length; o++) {
      for (let a = 0; a < A; a++) {
        if (a === cells.reference) continue;
        for (let t = 0; t < T; t++) {
          const first = cell(o, variable.subgroups[0], a, t);
          const second = cell(o, variable.subgroups[1], a, t);
          const estimate = cells.estimates[first] - cells.estimates[second];
          const sd = differenceReplicates(cells.replicates, first * B, second * B, difference);
          const acceleration = cells.squares && cells.cubes ? accelerationFromSums(cells.squares[first] + cells.squares[second], cells.cubes[first] - cells.cubes[second]) : 0;
          const ci = bootstrapInterval(method, estimate, difference, level, acceleration, scratch);
          const hidden = cells.suppressed[first] === 1 || cells.suppressed[second] === 1;
          if (ci?.degenerate && !hidden) degenerate++;
          const finite = Number.isFinite(estimate);
          pairs.push({ first, second });
          rows.push({
            outcome: cells.outcomes[o],
            subgroup_variable: variable.name,
            levels: variable.levels,
            arm: cells.arms[a],
            reference: cells.arms[cells.reference],
            month: cells.months[t],
            estimate: finite ? estimate : null,
            ci_low: ci ? ci.low : null,
            ci_high: ci ? ci.high : null,
            p: finite && Number.isFinite(sd) ? normalPValue(estimate, sd) : null,
            p_method: 'bootstrap',
            suppressed: hidden,
          });
        }
      }
    }
  }
  return { rows, cells: pairs, degenerate };
}

/**
 * difference[b] = replicates[first + b] − replicates[second + b], and the
 * standard deviation of the finite differences (NaN with fewer than two).
 * A function of its own, though called from one place: this loop is all
 * interactionRows spends its time on, and on its own V8 optimises it at
 * once, where inside interactionRows it waited for on-stack replacement of
 * the whole function, twice deoptimised on the row building after it (360
 * interactions of the fixture's size, in a fresh process: 98 ms before,
 * 46 ms after; 12 ms once warm).
 */
function differenceReplicates(replicates: Float64Array, first: number, second: number, difference: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  let used = 0;
  for (let b = 0; b < difference.length; b++) {
    const d = replicates[first + b] - replicates[second + b];
    difference[b] = d;
    if (!Number.isFinite(d)) continue;
    sum += d;
    sumSq += d * d;
    used++;
  }
  return used > 1 ? Math.sqrt(Math.max(0, (sumSq - (sum * sum) / used) / (used - 1))) : NaN;
}
