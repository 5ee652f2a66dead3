/**
 * The stratified person bootstrap of methods.md for shares and differences.
 *
 * Persons are resampled with replacement within strata (arm × block); each
 * replicate recomputes every share cell from the same resample. Replicate b
 * is drawn as the counts of groups of interchangeable persons
 * (groupMultinomial.ts, stream (seed, b)): exactly the distribution of
 * person resampling, at a cost per replicate that follows the number of
 * distinct groups rather than of persons. StratifiedResampler turns the very
 * same counts into person multiplicities for the estimators that refit.
 *
 * The cell sums of a replicate are built in three narrowing steps, each
 * walking far fewer items than the one before:
 *   1. fine group counts are summed over blocks into cell groups (arm,
 *      subgroup levels, outcome history), by the draws themselves
 *      (GroupCounts' fineInto): the cells do not depend on blocks;
 *   2. each drawn cell group adds its count to its row (arm × combination
 *      of subgroup levels) over the months of its history in each outcome,
 *      and its n group (row × months observed) collects it for the
 *      denominators; a stretch of consecutive months (a spell, the months
 *      before censoring) is added at its first month and taken off after
 *      its last, and running sums along the months complete the rows, so
 *      a cell group costs two additions per stretch, not one per month;
 *   3. every row is added into the cells of each subgroup it belongs to
 *      (`all`, and one level per subgroup variable).
 * The replicate loop allocates nothing.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { RandomStream } from '../random/stream.js';
import { drawGroupCounts, GroupCounts, groupByKey, resampleGroups, type ResampleGroups } from './groupMultinomial.js';
import { nCellCount, shareCellCount, type CellLayout, type SubgroupLayout } from './layout.js';
import { addStretches, runningSums, stretchLists, type Stretches } from './monthStretches.js';

/** Replicates buffered before they are written cell by cell. */
const TILE = 64;

export interface BootstrapDesign {
  panel: Panel;
  /** Arm index per person. */
  arm: Uint8Array;
  /** Block index per person (0 for all when there are no blocks). */
  block: Int32Array;
  blockCount: number;
  groups: SubgroupLayout;
  layout: CellLayout;
  /**
   * Index in panel.outcomes of the primary outcome, whose histories form the
   * coarse groups (groupMultinomial.ts); 0 when not given. Callers that must
   * draw the same replicates (refits, cost-effectiveness) use the same one.
   */
  primaryOutcome?: number;
  /** bootstrapGroups of this design when the caller has them already (they take a pass over every person). */
  drawGroups?: ResampleGroups;
}

export interface ShareReplicates {
  replicates: number;
  /** shares[cell * replicates + b]; NaN where the replicate's n is 0. */
  shares: Float64Array;
}

/** The groups a design's replicates are drawn over (also StratifiedResampler's). */
export function bootstrapGroups(d: BootstrapDesign): ResampleGroups {
  return resampleGroups({ ...d, arms: d.layout.arms, primaryOutcome: d.primaryOutcome ?? 0, refine: true });
}

/** Steps 1–3 of the module comment, as CSR lists. */
interface ShareSums {
  /** Cell group of each fine group. */
  cellGroupOf: Int32Array;
  cellGroups: number;
  /** Per cell group: its n group, and where its stretches of 1s start and stop in rowEvents (CSR). */
  nGroupOf: Int32Array;
  events: Stretches;
  /** Per n group: where its stretches of observed months start and stop in rowN (CSR). */
  nGroups: number;
  observed: Stretches;
  rows: number;
  rowArm: Int32Array;
  /** rowSubgroups[r * slots + k]: the row's subgroup in slot k, or −1. */
  rowSubgroups: Int32Array;
}

function shareSums(d: BootstrapDesign, g: ResampleGroups): ShareSums {
  const { panel, groups } = d;
  const O = panel.outcomes.length;
  const T = panel.months.length;
  const slots = groups.slots;
  const F = g.fine.size.length;
  const fineFirst = Int32Array.from({ length: F }, (_, f) => g.members[g.fineMembers[f]]);
  const history = { values: panel.values, label: d.arm, groups, rowStride: O * T, rowOffset: 0 };
  const cells = groupByKey(fineFirst, { ...history, rowLength: O * T });
  const rows = groupByKey(cells.first, { ...history, rowLength: 0 });
  const R = rows.first.length;
  const G = cells.first.length;

  const nIndex = new Map<string, number>();
  const nGroupOf = new Int32Array(G);
  const observed = stretchLists();
  const events = stretchLists();
  for (let c = 0; c < G; c++) {
    const p = cells.first[c];
    const r = rows.groupOf[c];
    let pattern = '';
    for (let t = 0; t < T; t++) pattern += panel.values[p * O * T + t] === MISSING ? '0' : '1';
    const key = `${r}|${pattern}`;
    let n = nIndex.get(key);
    if (n === undefined) {
      n = nIndex.size;
      nIndex.set(key, n);
      observed.add(r * T, T, (t) => pattern[t] === '1');
      observed.close();
    }
    nGroupOf[c] = n;
    for (let o = 0; o < O; o++) events.add((r * O + o) * T, T, (t) => panel.values[(p * O + o) * T + t] === 1);
    events.close();
  }
  const rowArm = new Int32Array(R);
  const rowSubgroups = new Int32Array(R * slots);
  for (let r = 0; r < R; r++) {
    const p = rows.first[r];
    rowArm[r] = d.arm[p];
    for (let k = 0; k < slots; k++) rowSubgroups[r * slots + k] = groups.memberships[p * slots + k];
  }
  return { cellGroupOf: cells.groupOf, cellGroups: G, nGroupOf, events: events.done(), nGroups: nIndex.size, observed: observed.done(), rows: R, rowArm, rowSubgroups };
}

/**
 * Share replicates for replicates [from, to) of the stream family `seed`.
 * Replicate b always uses random stream (seed, b), so any split of the
 * replicates over workers gives the same numbers.
 */
export function bootstrapShares(d: BootstrapDesign, seed: number, replicates: number, from = 0, to = replicates): ShareReplicates {
  const groups = d.drawGroups ?? bootstrapGroups(d);
  const sums = shareSums(d, groups);
  const { layout } = d;
  const O = layout.outcomes;
  const S = layout.subgroups;
  const A = layout.arms;
  const T = layout.months;
  const slots = d.groups.slots;
  const cells = shareCellCount(layout);
  const nCells = nCellCount(layout);
  const shares = new Float64Array(cells * replicates);
  // The draws add fine groups' counts straight into their cell groups.
  const counts = new GroupCounts(groups, sums.cellGroupOf);
  const work: ReplicateWork = {
    sums,
    cellGroupCount: counts.fine,
    nGroupCount: new Int32Array(sums.nGroups),
    rowEvents: new Int32Array(sums.rows * O * T),
    rowN: new Int32Array(sums.rows * T),
    nSum: new Float64Array(nCells),
    eventSum: new Float64Array(cells),
    O,
    S,
    A,
    T,
    slots,
  };
  const rng = new RandomStream(seed, 0);
  // Replicates go to `tile` first and then, TILE at a time, into each cell's
  // contiguous run of `shares`: a write per cell and replicate straight into
  // shares would touch a new cache line every time.
  const tile = new Float64Array(TILE * cells);
  for (let b = from; b < to; b++) {
    drawGroupCounts(groups, seed, b, rng, counts);
    shareReplicate(work, tile, ((b - from) % TILE) * cells);
    if ((b - from) % TILE === TILE - 1 || b === to - 1) flushTile(tile, cells, shares, replicates, b - ((b - from) % TILE), ((b - from) % TILE) + 1);
  }
  return { replicates, shares };
}

/** What shareReplicate reads and the scratch it writes: allocated once per bootstrap. */
interface ReplicateWork {
  sums: ShareSums;
  /** The replicate's count of each cell group (GroupCounts' fine counts). */
  cellGroupCount: Int32Array;
  nGroupCount: Int32Array;
  rowEvents: Int32Array;
  rowN: Int32Array;
  nSum: Float64Array;
  eventSum: Float64Array;
  O: number;
  S: number;
  A: number;
  T: number;
  slots: number;
}

/**
 * Steps 2 and 3 of the module comment for one replicate's cell group
 * counts: its shares into tile[at …]. A function of its own, called once
 * per replicate, so that V8 optimises it after a few replicates with every
 * branch seen; as the body of bootstrapShares' loop it waited for on-stack
 * replacement of the whole function, deoptimised and replaced several
 * times per run.
 */
function shareReplicate(work: ReplicateWork, tile: Float64Array, at: number): void {
  const { sums, cellGroupCount, nGroupCount, rowEvents, rowN, nSum, eventSum, O, S, A, T, slots } = work;
  const { nGroupOf, events, observed, rowArm, rowSubgroups } = sums;
  rowEvents.fill(0);
  nGroupCount.fill(0);
  for (let c = 0; c < cellGroupCount.length; c++) {
    const x = cellGroupCount[c];
    if (x === 0) continue;
    nGroupCount[nGroupOf[c]] += x;
    addStretches(events, c, x, rowEvents);
  }
  runningSums(rowEvents, T);
  rowN.fill(0);
  for (let n = 0; n < nGroupCount.length; n++) if (nGroupCount[n] !== 0) addStretches(observed, n, nGroupCount[n], rowN);
  runningSums(rowN, T);

  nSum.fill(0);
  eventSum.fill(0);
  for (let r = 0; r < rowArm.length; r++) {
    const a = rowArm[r];
    for (let k = 0; k < slots; k++) {
      const s = rowSubgroups[r * slots + k];
      if (s < 0) continue;
      const nBase = (s * A + a) * T;
      for (let t = 0; t < T; t++) nSum[nBase + t] += rowN[r * T + t];
      for (let o = 0; o < O; o++) {
        const eBase = ((o * S + s) * A + a) * T;
        const rBase = (r * O + o) * T;
        for (let t = 0; t < T; t++) eventSum[eBase + t] += rowEvents[rBase + t];
      }
    }
  }
  // A share cell is outcome * nCells + its n cell.
  const nCells = nSum.length;
  for (let cell = 0, nc = 0; cell < eventSum.length; cell++, nc = nc + 1 === nCells ? 0 : nc + 1) {
    const n = nSum[nc];
    tile[at + cell] = n > 0 ? eventSum[cell] / n : NaN;
  }
}

/** Replicates first … first + count − 1, rows of `tile`, into their places in each cell's run of `shares`. */
function flushTile(tile: Float64Array, cells: number, shares: Float64Array, replicates: number, first: number, count: number): void {
  for (let cell = 0; cell < cells; cell++) for (let i = 0; i < count; i++) shares[cell * replicates + first + i] = tile[i * cells + cell];
}
