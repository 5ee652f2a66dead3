/**
 * Persons observed (n) and persons in the outcome (events) for every cell.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { nCell, nCellCount, shareCell, shareCellCount, type CellLayout, type SubgroupLayout } from './layout.js';

export interface CellCounts {
  /** Indexed by n cell. */
  n: Float64Array;
  /** Indexed by share cell. */
  events: Float64Array;
}

/** Above this many possible level combinations, persons are counted slot by slot. */
const MAX_COMBINATIONS = 4096;

/**
 * Point counts over all persons. A person belongs to one subgroup per slot
 * (`all`, then one per variable), so persons are first counted by their
 * combination of levels and arm, and the combinations are added into every
 * slot's cells once: the panel is read once, not once per slot.
 */
export function countCells(panel: Panel, arm: Uint8Array | Int32Array, groups: SubgroupLayout, layout: CellLayout): CellCounts {
  const radix = layout.subgroups + 1;
  const combinations = radix ** groups.slots;
  if (combinations > MAX_COMBINATIONS) return countSlotBySlot(panel, arm, groups, layout);
  const O = layout.outcomes;
  const T = layout.months;
  const A = layout.arms;
  const { slots, memberships } = groups;
  const keyN = new Float64Array(combinations * A * T);
  const keyEvents = new Float64Array(combinations * A * O * T);
  const seen = new Uint8Array(combinations);
  for (let p = 0; p < panel.persons; p++) {
    let key = 0;
    for (let k = slots - 1; k >= 0; k--) key = key * radix + memberships[p * slots + k] + 1;
    seen[key] = 1;
    const at = key * A + arm[p];
    const base = p * O * T;
    for (let t = 0; t < T; t++) if (panel.values[base + t] !== MISSING) keyN[at * T + t]++;
    for (let i = 0; i < O * T; i++) if (panel.values[base + i] === 1) keyEvents[at * O * T + i]++;
  }
  const n = new Float64Array(nCellCount(layout));
  const events = new Float64Array(shareCellCount(layout));
  for (let key = 0; key < combinations; key++) {
    if (!seen[key]) continue;
    for (let k = 0, rest = key; k < slots; k++, rest = Math.floor(rest / radix)) {
      const s = (rest % radix) - 1;
      if (s < 0) continue;
      for (let a = 0; a < A; a++) {
        const at = key * A + a;
        for (let t = 0; t < T; t++) n[nCell(layout, s, a, t)] += keyN[at * T + t];
        for (let o = 0; o < O; o++) for (let t = 0; t < T; t++) events[shareCell(layout, o, s, a, t)] += keyEvents[(at * O + o) * T + t];
      }
    }
  }
  return { n, events };
}

function countSlotBySlot(panel: Panel, arm: Uint8Array | Int32Array, groups: SubgroupLayout, layout: CellLayout): CellCounts {
  const n = new Float64Array(nCellCount(layout));
  const events = new Float64Array(shareCellCount(layout));
  const O = layout.outcomes;
  const T = layout.months;
  for (let p = 0; p < panel.persons; p++) {
    const a = arm[p];
    for (let k = 0; k < groups.slots; k++) {
      const s = groups.memberships[p * groups.slots + k];
      if (s < 0) continue;
      for (let o = 0; o < O; o++) {
        const base = (p * O + o) * T;
        for (let t = 0; t < T; t++) {
          const v = panel.values[base + t];
          if (v === MISSING) continue;
          if (o === 0) n[nCell(layout, s, a, t)]++;
          if (v === 1) events[shareCell(layout, o, s, a, t)]++;
        }
      }
    }
  }
  return { n, events };
}
