/**
 * The stratified person bootstrap of methods.md for shares and differences.
 *
 * Persons are resampled with replacement within strata (arm × block); each
 * replicate recomputes every share cell from the same resample. Persons with
 * identical stratum, subgroup memberships and outcome history contribute
 * identically to every statistic, so they are collapsed into groups first:
 * a draw picks a person, the person's group is credited, and the cell sums
 * are built once per group rather than once per drawn person. This is the
 * same distribution as plain person resampling, at a fraction of the cost.
 * The replicate loop allocates nothing.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { RandomStream, rejectionThreshold } from '../random/stream.js';

/** Persons in one arm × block stratum for exact uniform draws (RandomStream.nextIntBelow). */
const MAX_STRATUM = 0x200000;
import { nCell, nCellCount, shareCell, shareCellCount, type CellLayout, type SubgroupLayout } from './layout.js';

export interface BootstrapDesign {
  panel: Panel;
  /** Arm index per person. */
  arm: Uint8Array;
  /** Block index per person (0 for all when there are no blocks). */
  block: Int32Array;
  blockCount: number;
  groups: SubgroupLayout;
  layout: CellLayout;
}

export interface ShareReplicates {
  replicates: number;
  /** shares[cell * replicates + b]; NaN where the replicate's n is 0. */
  shares: Float64Array;
}

/**
 * Persons collapsed twice: by what they add to denominators (stratum,
 * subgroups, months observed) and by what they add to numerators (stratum,
 * subgroups, outcome history). Most persons share a denominator group, and
 * persons never in any outcome add nothing to numerators at all (−1).
 */
interface Collapsed {
  /** Per stratum, its persons' groups (CSR by stratumOffsets). */
  stratumOffsets: Int32Array;
  personNGroup: Int32Array;
  personEventGroup: Int32Array;
  nGroups: number;
  eventGroups: number;
  /** CSR lists of the n cells and share cells each group adds to. */
  nOffsets: Int32Array;
  nCells: Int32Array;
  eventOffsets: Int32Array;
  eventCells: Int32Array;
}

export function collapsePersons(d: BootstrapDesign): Collapsed {
  const { panel, groups, layout } = d;
  const persons = panel.persons;
  const O = layout.outcomes;
  const T = layout.months;
  const strata = layout.arms * d.blockCount;
  const stratumOf = (p: number): number => d.arm[p] * d.blockCount + d.block[p];
  const bytes = Buffer.from(panel.values.buffer, panel.values.byteOffset, panel.values.byteLength);

  const nIndex = new Map<string, number>();
  const eventIndex = new Map<string, number>();
  const nGroupOf = new Int32Array(persons);
  const eventGroupOf = new Int32Array(persons);
  const nRepresentative: number[] = [];
  const eventRepresentative: number[] = [];
  for (let p = 0; p < persons; p++) {
    let prefix = `${stratumOf(p)}|`;
    for (let k = 0; k < groups.slots; k++) prefix += `${groups.memberships[p * groups.slots + k]},`;
    let observed = '';
    for (let t = 0; t < T; t++) observed += panel.values[p * O * T + t] === MISSING ? '0' : '1';
    const nKey = prefix + observed;
    let g = nIndex.get(nKey);
    if (g === undefined) {
      g = nRepresentative.length;
      nIndex.set(nKey, g);
      nRepresentative.push(p);
    }
    nGroupOf[p] = g;
    eventGroupOf[p] = -1;
    const history = bytes.subarray(p * O * T, (p + 1) * O * T);
    if (history.indexOf(1) < 0) continue;
    const eventKey = prefix + history.toString('latin1');
    let e = eventIndex.get(eventKey);
    if (e === undefined) {
      e = eventRepresentative.length;
      eventIndex.set(eventKey, e);
      eventRepresentative.push(p);
    }
    eventGroupOf[p] = e;
  }

  const stratumOffsets = new Int32Array(strata + 1);
  for (let p = 0; p < persons; p++) stratumOffsets[stratumOf(p) + 1]++;
  for (let s = 0; s < strata; s++) stratumOffsets[s + 1] += stratumOffsets[s];
  const cursor = stratumOffsets.slice(0, strata);
  const personNGroup = new Int32Array(persons);
  const personEventGroup = new Int32Array(persons);
  for (let p = 0; p < persons; p++) {
    const at = cursor[stratumOf(p)]++;
    personNGroup[at] = nGroupOf[p];
    personEventGroup[at] = eventGroupOf[p];
  }

  const cellLists = (representatives: number[], add: (p: number, a: number, s: number, list: number[]) => void) => {
    const offsets = new Int32Array(representatives.length + 1);
    const list: number[] = [];
    representatives.forEach((p, g) => {
      for (let k = 0; k < groups.slots; k++) {
        const s = groups.memberships[p * groups.slots + k];
        if (s >= 0) add(p, d.arm[p], s, list);
      }
      offsets[g + 1] = list.length;
    });
    return { offsets, cells: Int32Array.from(list) };
  };
  const n = cellLists(nRepresentative, (p, a, s, list) => {
    for (let t = 0; t < T; t++) if (panel.values[p * O * T + t] !== MISSING) list.push(nCell(layout, s, a, t));
  });
  const events = cellLists(eventRepresentative, (p, a, s, list) => {
    for (let o = 0; o < O; o++) {
      for (let t = 0; t < T; t++) if (panel.values[(p * O + o) * T + t] === 1) list.push(shareCell(layout, o, s, a, t));
    }
  });
  return {
    stratumOffsets,
    personNGroup,
    personEventGroup,
    nGroups: nRepresentative.length,
    eventGroups: eventRepresentative.length,
    nOffsets: n.offsets,
    nCells: n.cells,
    eventOffsets: events.offsets,
    eventCells: events.cells,
  };
}

/**
 * Share replicates for replicates [from, to) of the stream family `seed`.
 * Replicate b always uses random stream (seed, b), so any split of the
 * replicates over workers gives the same numbers.
 */
export function bootstrapShares(d: BootstrapDesign, seed: number, replicates: number, from = 0, to = replicates): ShareReplicates {
  const c = collapsePersons(d);
  const { layout } = d;
  const cells = shareCellCount(layout);
  const nCells = nCellCount(layout);
  const shares = new Float64Array(cells * replicates);
  const nDrawn = new Int32Array(c.nGroups);
  const eventDrawn = new Int32Array(c.eventGroups + 1);
  const nSum = new Float64Array(nCells);
  const eventSum = new Float64Array(cells);
  const strata = c.stratumOffsets.length - 1;
  const rng = new RandomStream(seed, 0);

  for (let b = from; b < to; b++) {
    rng.reseed(seed, b);
    for (let s = 0; s < strata; s++) {
      const first = c.stratumOffsets[s];
      const size = c.stratumOffsets[s + 1] - first;
      if (size > MAX_STRATUM) throw new RangeError(`a bootstrap stratum has ${size} persons; at most ${MAX_STRATUM} are supported`);
      const threshold = rejectionThreshold(size);
      for (let k = 0; k < size; k++) {
        const drawn = first + rng.nextIntBelow(size, threshold);
        nDrawn[c.personNGroup[drawn]]++;
        // slot 0 collects persons with no events; it is never read
        eventDrawn[c.personEventGroup[drawn] + 1]++;
      }
    }
    nSum.fill(0);
    eventSum.fill(0);
    for (let g = 0; g < c.nGroups; g++) {
      const times = nDrawn[g];
      if (times === 0) continue;
      nDrawn[g] = 0;
      for (let i = c.nOffsets[g]; i < c.nOffsets[g + 1]; i++) nSum[c.nCells[i]] += times;
    }
    eventDrawn[0] = 0;
    for (let g = 0; g < c.eventGroups; g++) {
      const times = eventDrawn[g + 1];
      if (times === 0) continue;
      eventDrawn[g + 1] = 0;
      for (let i = c.eventOffsets[g]; i < c.eventOffsets[g + 1]; i++) eventSum[c.eventCells[i]] += times;
    }
    // A share cell is outcome * nCells + its n cell.
    for (let cell = 0, nc = 0; cell < cells; cell++, nc = nc + 1 === nCells ? 0 : nc + 1) {
      const n = nSum[nc];
      shares[cell * replicates + b] = n > 0 ? eventSum[cell] / n : NaN;
    }
  }
  return { replicates, shares };
}
