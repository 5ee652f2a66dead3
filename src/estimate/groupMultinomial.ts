/**
 * The stratified person bootstrap of methods.md drawn as counts of groups.
 *
 * Resampling n_h persons with replacement within stratum h (arm × block)
 * gives each person a count; persons who add the same to every statistic
 * (same stratum, subgroup levels and outcome history, censoring included)
 * form a group, and a statistic needs only the groups' counts. Those are
 * multinomial, (x_g) ~ Mult(n_h; c_g / n_h) over the stratum's groups of
 * sizes c_g, and are drawn by sequential conditional binomials,
 * x_g ~ Bin(n_h − Σ earlier x, c_g / Σ later-or-equal c), in a canonical
 * order: the cost per replicate follows the number of groups, not of persons.
 *
 * Groups come in two levels, so that a caller who knows only the primary
 * outcome (cost-effectiveness, given the one-outcome panel) draws the same
 * counts as the main estimates on the whole panel:
 *   coarse: stratum × subgroup levels × primary outcome history;
 *   fine:   a coarse group split further by the other outcomes' histories.
 * Replicate b draws, on stream (seed, b), first every coarse count (strata in
 * the order arm · blockCount + block), then the fine counts within each
 * coarse group. Splitting a coarse count among its fine groups (and a fine
 * count among its persons) by a multinomial on their sizes is again exactly
 * person resampling. Within a stratum, coarse groups go by descending size
 * (ties by their first person), and fine groups likewise within a coarse
 * group, so the remaining count reaches 0 as early as it can; runs of
 * equal-sized groups take one binomial for the run and then spread its count
 * evenly over it, by uniform draws when the count is small against the run.
 * Once the count left is small against the runs left (the many small groups
 * at the end), it is spread by drawing that many of their persons
 * uniformly and crediting their groups. Each is exactly the same
 * multinomial, for fewer draws; uniform draws take two indices from each
 * 32-bit output (HalfWords).
 *
 * Person multiplicities (for estimators that refit, and for costs) split
 * each fine count among the group's persons by uniform draws on a second
 * stream (seed, b + 2³²), so they never change the group counts.
 */
import type { Panel } from '../panel/buildPanel.js';
import { binomial } from '../random/binomial.js';
import { halfWordThreshold, HalfWords } from '../random/halfWords.js';
import type { RandomStream } from '../random/stream.js';
import { distinctRows } from './distinctRows.js';
import type { SubgroupLayout } from './layout.js';

/**
 * Stream indices b + k · 2³² are replicate b's streams for other purposes
 * than its group counts: k = 1 the split among persons, k = 2 the
 * composition of work's monthly draws. No other draw uses indices ≥ 2³².
 */
export const STREAM_PURPOSE = 4294967296;
const PERSON_SPLIT = 1;

/** A binomial costs about as much as this many uniform draws (measured). */
const UNIFORM_PER_RUN = 8;

/**
 * The uniform draws of every function here; JavaScript runs one call at a
 * time on a thread, and each call starts it on its stream afresh.
 */
const halves = new HalfWords();

export interface GroupingDesign {
  panel: Panel;
  arm: Uint8Array;
  /** Block index per person (0 for all when there are no blocks). */
  block: Int32Array;
  blockCount: number;
  arms: number;
  groups: SubgroupLayout;
  /** Index in panel.outcomes of the outcome whose history defines the coarse groups. */
  primaryOutcome: number;
  /** Whether the other outcomes split the coarse groups into fine ones (the main estimates) or not (a caller that reads the primary outcome only). */
  refine: boolean;
}

/**
 * The groups of a design, CSR at each level, in the canonical drawing order,
 * with what the draws need precomputed: where each run of equal sizes ends
 * and how many runs a parent has (runEnd is meaningful at a run's first
 * group), and which group holds each position of `members`.
 */
export interface ResampleGroups {
  strata: number;
  stratumSize: Int32Array;
  stratumThreshold: Float64Array;
  /** Stratum s owns coarse groups stratumCoarse[s] … stratumCoarse[s + 1]. */
  stratumCoarse: Int32Array;
  stratumRuns: Int32Array;
  coarse: Level;
  /** Coarse group c owns fine groups coarseFine[c] … coarseFine[c + 1]. */
  coarseFine: Int32Array;
  coarseRuns: Int32Array;
  fine: Level;
  /** Fine group f owns persons members[fineMembers[f] … fineMembers[f + 1]), ascending. */
  fineMembers: Int32Array;
  members: Int32Array;
}

/**
 * One level of groups: sizes, run ends, the group at each position of
 * `members`, and the uniform draws' rejection thresholds (halfWordThreshold,
 * a slow modulo) for a group's size and, at a run's first group, for the
 * run's length.
 */
export interface Level {
  size: Int32Array;
  runEnd: Int32Array;
  at: Int32Array;
  sizeThreshold: Float64Array;
  runThreshold: Float64Array;
}

export function resampleGroups(d: GroupingDesign): ResampleGroups {
  const { panel, groups } = d;
  const N = panel.persons;
  const O = panel.outcomes.length;
  const T = panel.months.length;
  if (d.primaryOutcome < 0 || d.primaryOutcome >= O) throw new RangeError(`no outcome ${d.primaryOutcome} in the panel`);
  const strata = d.arms * d.blockCount;
  const stratum = new Int32Array(N);
  for (let p = 0; p < N; p++) stratum[p] = d.arm[p] * d.blockCount + d.block[p];
  const everyone = identity(N);
  const key = (rowOffset: number, rowLength: number): PersonKey => ({ values: panel.values, label: stratum, groups, rowStride: O * T, rowOffset, rowLength });
  const primary = key(d.primaryOutcome * T, T);

  const fine = groupByKey(everyone, d.refine ? key(0, O * T) : primary);
  const F = fine.first.length;
  // Coarse groups from the fine ones' first persons: a fine key determines its coarse key.
  const coarse = d.refine ? groupByKey(fine.first, primary) : { groupOf: identity(F), first: fine.first };
  const C = coarse.first.length;
  const coarseStratum = Int32Array.from(coarse.first, (p) => stratum[p]);

  const rawFineSize = new Int32Array(F);
  for (let p = 0; p < N; p++) rawFineSize[fine.groupOf[p]]++;
  const rawCoarseSize = new Int32Array(C);
  for (let f = 0; f < F; f++) rawCoarseSize[coarse.groupOf[f]] += rawFineSize[f];

  const coarseOrder = identity(C).sort(
    (x, y) => coarseStratum[x] - coarseStratum[y] || rawCoarseSize[y] - rawCoarseSize[x] || coarse.first[x] - coarse.first[y],
  );
  const coarseRank = new Int32Array(C);
  coarseOrder.forEach((c, rank) => (coarseRank[c] = rank));
  const fineOrder = identity(F).sort(
    (x, y) => coarseRank[coarse.groupOf[x]] - coarseRank[coarse.groupOf[y]] || rawFineSize[y] - rawFineSize[x] || fine.first[x] - fine.first[y],
  );
  const fineRank = new Int32Array(F);
  fineOrder.forEach((f, rank) => (fineRank[f] = rank));

  const stratumSize = new Int32Array(strata);
  const stratumCoarse = new Int32Array(strata + 1);
  const coarseSize = new Int32Array(C);
  const coarseFine = new Int32Array(C + 1);
  coarseOrder.forEach((c, rank) => {
    const s = coarseStratum[c];
    stratumCoarse[s + 1]++;
    stratumSize[s] += rawCoarseSize[c];
    coarseSize[rank] = rawCoarseSize[c];
  });
  for (let s = 0; s < strata; s++) stratumCoarse[s + 1] += stratumCoarse[s];
  const fineSize = new Int32Array(F);
  const fineMembers = new Int32Array(F + 1);
  fineOrder.forEach((f, rank) => {
    coarseFine[coarseRank[coarse.groupOf[f]] + 1]++;
    fineSize[rank] = rawFineSize[f];
    fineMembers[rank + 1] = rawFineSize[f];
  });
  for (let c = 0; c < C; c++) coarseFine[c + 1] += coarseFine[c];
  for (let f = 0; f < F; f++) fineMembers[f + 1] += fineMembers[f];
  const cursor = fineMembers.slice(0, F);
  const members = new Int32Array(N);
  for (let p = 0; p < N; p++) members[cursor[fineRank[fine.groupOf[p]]]++] = p;

  const fineAt = new Int32Array(N);
  const coarseAt = new Int32Array(N);
  for (let c = 0; c < C; c++) {
    for (let f = coarseFine[c]; f < coarseFine[c + 1]; f++) {
      fineAt.fill(f, fineMembers[f], fineMembers[f + 1]);
      coarseAt.fill(c, fineMembers[f], fineMembers[f + 1]);
    }
  }
  const coarseRuns = runs(fineSize, coarseFine);
  const stratumRuns = runs(coarseSize, stratumCoarse);
  return {
    strata,
    stratumSize,
    stratumThreshold: thresholds(stratumSize),
    stratumCoarse,
    stratumRuns: stratumRuns.count,
    coarse: { size: coarseSize, runEnd: stratumRuns.end, at: coarseAt, sizeThreshold: thresholds(coarseSize), runThreshold: stratumRuns.threshold },
    coarseFine,
    coarseRuns: coarseRuns.count,
    fine: { size: fineSize, runEnd: coarseRuns.end, at: fineAt, sizeThreshold: thresholds(fineSize), runThreshold: coarseRuns.threshold },
    fineMembers,
    members,
  };
}

/** Runs of equal sizes within each parent's groups offsets[i] … offsets[i + 1]: their ends, thresholds and number. */
function runs(size: Int32Array, offsets: Int32Array): { end: Int32Array; threshold: Float64Array; count: Int32Array } {
  const end = new Int32Array(size.length);
  const threshold = new Float64Array(size.length);
  const count = new Int32Array(offsets.length - 1);
  for (let i = 0; i + 1 < offsets.length; i++) {
    for (let g = offsets[i]; g < offsets[i + 1]; ) {
      let e = g + 1;
      while (e < offsets[i + 1] && size[e] === size[g]) e++;
      end[g] = e;
      threshold[g] = halfWordThreshold(e - g);
      count[i]++;
      g = e;
    }
  }
  return { end, threshold, count };
}

/**
 * A level of groups known by their sizes only (no members list: multinomial
 * with start −1), sizes descending within each parent's groups
 * offsets[i] … offsets[i + 1]; with the number of runs of each parent.
 */
export function sizesLevel(size: Int32Array, offsets: Int32Array): { level: Level; runs: Int32Array } {
  const r = runs(size, offsets);
  return { level: { size, runEnd: r.end, at: new Int32Array(0), sizeThreshold: thresholds(size), runThreshold: r.threshold }, runs: r.count };
}

function thresholds(size: Int32Array): Float64Array {
  return Float64Array.from(size, halfWordThreshold);
}

/**
 * What makes two persons interchangeable: a label (stratum, arm), their
 * subgroup levels and a stretch of their panel row, values[p · rowStride +
 * rowOffset …] of rowLength bytes.
 */
export interface PersonKey {
  values: Uint8Array;
  label: ArrayLike<number>;
  groups: SubgroupLayout;
  rowStride: number;
  rowOffset: number;
  rowLength: number;
}

/**
 * Numbers the persons `items` by equal keys, groups in order of first
 * appearance; `first` holds each group's first person. The key is packed
 * into 32-bit words (subgroup levels, then the row's bytes four to a word)
 * for distinctRows, with the label as its tag.
 */
export function groupByKey(items: Int32Array, key: PersonKey): { groupOf: Int32Array; first: Int32Array } {
  const { values, label, rowStride, rowOffset, rowLength } = key;
  const { slots, memberships } = key.groups;
  const width = slots + Math.ceil(rowLength / 4);
  const words = new Uint32Array(items.length * width);
  const tag = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const p = items[i];
    const at = i * width;
    tag[i] = label[p];
    for (let k = 0; k < slots; k++) words[at + k] = memberships[p * slots + k];
    const start = p * rowStride + rowOffset;
    for (let k = 0; k < rowLength; k++) words[at + slots + (k >> 2)] |= values[start + k] << ((k & 3) * 8);
  }
  const rows = distinctRows(words, width, width, items.length, tag);
  return { groupOf: rows.id, first: Int32Array.from(rows.first, (r) => items[r]) };
}

/**
 * Scratch for one replicate's counts: by coarse group, and by fine group
 * or, given `fineInto`, summed into its classes (fine group f counts toward
 * fine[fineInto[f]]; bootstrapShares sums over blocks so), written straight
 * there by the draws.
 */
export class GroupCounts {
  readonly coarse: Int32Array;
  readonly fine: Int32Array;
  readonly coarseInto: Int32Array;
  readonly fineInto: Int32Array;
  constructor(g: ResampleGroups, fineInto?: Int32Array) {
    this.coarse = new Int32Array(g.coarse.size.length);
    this.coarseInto = identity(this.coarse.length);
    this.fineInto = fineInto ?? identity(g.fine.size.length);
    this.fine = new Int32Array(this.fineInto.reduce((max, c) => Math.max(max, c + 1), 0));
  }
}

/** Replicate b's group counts (see the module comment). `rng` is any stream; it is repositioned. Allocates nothing. */
export function drawGroupCounts(g: ResampleGroups, seed: number, b: number, rng: RandomStream, counts: GroupCounts): void {
  const { coarse, fine, coarseInto, fineInto } = counts;
  coarse.fill(0);
  fine.fill(0);
  rng.reseed(seed, b);
  const { stratumCoarse, coarseFine, fineMembers } = g;
  for (let s = 0; s < g.strata; s++) {
    const n = g.stratumSize[s];
    const from = stratumCoarse[s];
    if (n > 0) multinomial(rng, n, n, g.stratumThreshold[s], g.coarse, from, stratumCoarse[s + 1], g.stratumRuns[s], fineMembers[coarseFine[from]], coarse, coarseInto);
  }
  const { size: coarseSize, sizeThreshold: coarseThreshold } = g.coarse;
  for (let c = 0; c < coarse.length; c++) {
    const x = coarse[c];
    if (x === 0) continue;
    const from = coarseFine[c];
    const to = coarseFine[c + 1];
    if (to - from === 1) fine[fineInto[from]] += x;
    else multinomial(rng, x, coarseSize[c], coarseThreshold[c], g.fine, from, to, g.coarseRuns[c], fineMembers[from], fine, fineInto);
  }
}

/**
 * Adds to out[from … to) a Mult(n; size[g] / total) draw over the groups
 * from … to of `level` (total the sum of their sizes, `threshold` its
 * halfWordThreshold, in `runs` runs of equal sizes; their persons at
 * positions start … start + total of `members`, or start −1 when the
 * groups have no members list). Group g's count is added to out[into[g]]
 * (`identity` to keep counts by group). One binomial per run, in order,
 * until the count left is small against the runs left: those draws are then
 * made person by person, each crediting its group. Both are exact.
 */
export function multinomial(rng: RandomStream, n: number, total: number, threshold: number, level: Level, from: number, to: number, runs: number, start: number, out: Int32Array, into: Int32Array): void {
  halves.start(rng);
  const { size: sizes, runEnd, runThreshold, at } = level;
  let remaining = n;
  let rest = total;
  let runsLeft = runs;
  let g = from;
  while (g < to && remaining > 0) {
    // Given the counts so far, the rest are Mult(remaining; size / rest) over
    // the groups left, whose persons are the last `rest` positions: drawn
    // person by person once that is cheaper than a binomial per run.
    if (start >= 0 && remaining <= UNIFORM_PER_RUN * runsLeft) {
      const first = start + total - rest;
      const bound = rest === total ? threshold : halfWordThreshold(rest);
      const drawn = halves.drawMany(rest, bound, remaining);
      for (let i = 0; i < remaining; i++) out[into[at[first + drawn[i]]]]++;
      return;
    }
    const size = sizes[g];
    const end = runEnd[g];
    const run = end - g;
    const x = end === to ? remaining : binomial(rng, remaining, (run * size) / rest);
    if (run === 1) out[into[g]] += x;
    else if (x > 0) spreadEvenly(rng, x, g, run, runThreshold[g], out, into);
    remaining -= x;
    rest -= run * size;
    runsLeft--;
    g = end;
  }
}

/** Adds a Mult(x; 1/k, …, 1/k) draw over groups from … from + k into out (by `into`); `threshold` is halfWordThreshold(k). */
function spreadEvenly(rng: RandomStream, x: number, from: number, k: number, threshold: number, out: Int32Array, into: Int32Array): void {
  // x uniform draws cost less than k binomials while x is not much larger than k.
  if (x <= UNIFORM_PER_RUN * k) {
    const drawn = halves.drawMany(k, threshold, x);
    for (let i = 0; i < x; i++) out[into[from + drawn[i]]]++;
    return;
  }
  let remaining = x;
  for (let j = 0; j < k - 1 && remaining > 0; j++) {
    const y = binomial(rng, remaining, 1 / (k - j));
    out[into[from + j]] += y;
    remaining -= y;
  }
  if (remaining > 0) out[into[from + k - 1]] += remaining;
}

/** 0, 1, …, length − 1: the `into` of counts kept group by group. */
export function identity(length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i;
  return out;
}

/**
 * Adds to `weights[p]` how often replicate b drew person p, given its fine
 * counts: each fine count spread uniformly over the group's persons, on
 * stream (seed, b + 2³²). Allocates nothing.
 */
export function spreadOverMembers(g: ResampleGroups, fine: Int32Array, seed: number, b: number, rng: RandomStream, weights: Float64Array | Int32Array): void {
  rng.reseed(seed, b + PERSON_SPLIT * STREAM_PURPOSE);
  halves.start(rng);
  const { fineMembers, members } = g;
  const threshold = g.fine.sizeThreshold;
  for (let f = 0; f < fine.length; f++) {
    const x = fine[f];
    if (x === 0) continue;
    const first = fineMembers[f];
    const m = fineMembers[f + 1] - first;
    if (m === 1) weights[members[first]] += x;
    else {
      const drawn = halves.drawMany(m, threshold[f], x);
      for (let i = 0; i < x; i++) weights[members[first + drawn[i]]]++;
    }
  }
}

/**
 * The same draws as spreadOverMembers, summed instead of counted: for each
 * fine group, the sum of `value` (by position in `members`) over the persons
 * replicate b drew, and how many of those draws had a value (NaN has none).
 * For statistics that need no more than such sums (cost-effectiveness's
 * costs), without a pass over every person. Allocates nothing.
 */
export function sumOverDrawnMembers(g: ResampleGroups, fine: Int32Array, seed: number, b: number, rng: RandomStream, value: Float64Array, sum: Float64Array, count: Float64Array): void {
  rng.reseed(seed, b + PERSON_SPLIT * STREAM_PURPOSE);
  halves.start(rng);
  const { fineMembers } = g;
  const threshold = g.fine.sizeThreshold;
  sum.fill(0);
  count.fill(0);
  for (let f = 0; f < fine.length; f++) {
    const x = fine[f];
    if (x === 0) continue;
    const first = fineMembers[f];
    const m = fineMembers[f + 1] - first;
    if (m === 1) {
      const v = value[first];
      if (v === v) {
        sum[f] = x * v;
        count[f] = x;
      }
      continue;
    }
    const drawn = halves.drawMany(m, threshold[f], x);
    let s = 0;
    let c = 0;
    for (let i = 0; i < x; i++) {
      const v = value[first + drawn[i]];
      if (v !== v) continue;
      s += v;
      c++;
    }
    sum[f] = s;
    count[f] = c;
  }
}

/** The index of the config's primary outcome in the panel, or 0 when it has none there (every caller must choose alike). */
export function primaryOutcomeIndex(panel: Panel, primaryOutcome: string | undefined): number {
  const o = primaryOutcome === undefined ? -1 : panel.outcomes.indexOf(primaryOutcome);
  return o < 0 ? 0 : o;
}

