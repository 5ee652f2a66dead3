/**
 * The monthly outcome rules of data-contract §4, evaluated on a person's
 * qualifying days given as merged, disjoint intervals sorted by start.
 */
import type { OutcomeRule } from '../config/types.js';

export const RULE_CODES: Record<OutcomeRule, number> = { end: 0, any: 1, majority: 2 };

/**
 * Writes 1 or 0 to `out[t]` for each window t (windows ascending and
 * disjoint). Intervals [from[i], to[i]] are inclusive and disjoint.
 */
export function evaluateRule(
  rule: number,
  from: Int32Array,
  to: Int32Array,
  intervals: number,
  starts: Int32Array,
  ends: Int32Array,
  windows: number,
  out: Uint8Array,
): void {
  let i = 0;
  for (let t = 0; t < windows; t++) {
    const ws = starts[t];
    const we = ends[t];
    // Intervals wholly before this window cannot touch later windows either.
    while (i < intervals && to[i] < ws) i++;
    let value = 0;
    if (rule === 0) {
      for (let j = i; j < intervals && from[j] <= we; j++) {
        if (to[j] >= we) {
          value = 1;
          break;
        }
      }
    } else if (rule === 1) {
      value = i < intervals && from[i] <= we ? 1 : 0;
    } else {
      let covered = 0;
      for (let j = i; j < intervals && from[j] <= we; j++) {
        covered += Math.min(to[j], we) - Math.max(from[j], ws) + 1;
      }
      value = 2 * covered > we - ws + 1 ? 1 : 0;
    }
    out[t] = value;
  }
}
