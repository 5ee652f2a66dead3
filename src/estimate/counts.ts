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

/** Point counts over all persons. */
export function countCells(panel: Panel, arm: Uint8Array | Int32Array, groups: SubgroupLayout, layout: CellLayout): CellCounts {
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
