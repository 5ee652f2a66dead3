/**
 * How estimates are indexed: a share cell is outcome × subgroup × arm ×
 * month, flattened as ((o * S + s) * A + a) * T + t; denominators do not
 * depend on the outcome, so an n cell is (s * A + a) * T + t.
 */
import type { CategoricalColumn } from '../read/participants.js';

export interface SubgroupLayout {
  /** `all`, then `<variable>=<level>` for every variable and level. */
  labels: string[];
  /** Slots per person: 1 (`all`) + number of subgroup variables. */
  slots: number;
  /** memberships[p * slots + k]: subgroup index, or −1 when the level is missing. */
  memberships: Int32Array;
}

export function subgroupLayout(persons: number, subgroups: ReadonlyMap<string, CategoricalColumn>): SubgroupLayout {
  const labels = ['all'];
  const slots = 1 + subgroups.size;
  const memberships = new Int32Array(persons * slots);
  let slot = 1;
  for (const [name, column] of subgroups) {
    const first = labels.length;
    for (const level of column.levels) labels.push(`${name}=${level}`);
    for (let p = 0; p < persons; p++) {
      const code = column.codes[p];
      memberships[p * slots + slot] = code < 0 ? -1 : first + code;
    }
    slot++;
  }
  return { labels, slots, memberships };
}

export interface CellLayout {
  outcomes: number;
  subgroups: number;
  arms: number;
  months: number;
}

export function shareCellCount(l: CellLayout): number {
  return l.outcomes * l.subgroups * l.arms * l.months;
}

export function nCellCount(l: CellLayout): number {
  return l.subgroups * l.arms * l.months;
}

export function shareCell(l: CellLayout, o: number, s: number, a: number, t: number): number {
  return ((o * l.subgroups + s) * l.arms + a) * l.months + t;
}

export function nCell(l: CellLayout, s: number, a: number, t: number): number {
  return (s * l.arms + a) * l.months + t;
}
