import { describe, expect, it } from 'vitest';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { countCells } from '../../src/estimate/counts.js';
import { nCell, shareCell, type CellLayout, type SubgroupLayout } from '../../src/estimate/layout.js';

// Four persons, 1 outcome × 2 months, two arms, subgroups all (0), K (1), M (2);
// person 3's gender is missing, person 2's month 2 is censored.
const M = MISSING;
const panel: Panel = {
  persons: 4,
  outcomes: ['work'],
  months: Int32Array.of(1, 2),
  values: Uint8Array.of(1, 0, /**/ 0, 1, /**/ 1, M, /**/ 1, 1),
  status: new Uint8Array(8),
  censored: Int32Array.of(0, 1),
};
const arm = Uint8Array.of(0, 0, 1, 1);
const groups: SubgroupLayout = { labels: ['all', 'gender=K', 'gender=M'], slots: 2, memberships: Int32Array.of(0, 1, 0, 2, 0, 1, 0, -1) };
const layout: CellLayout = { outcomes: 1, subgroups: 3, arms: 2, months: 2 };

describe('countCells', () => {
  it('counts n and events per subgroup, arm and month by hand', () => {
    const { n, events } = countCells(panel, arm, groups, layout);
    // all, arm 0: persons 0 and 1 observed both months; events month 1 = 1, month 2 = 1.
    expect([n[nCell(layout, 0, 0, 0)], n[nCell(layout, 0, 0, 1)]]).toEqual([2, 2]);
    expect([events[shareCell(layout, 0, 0, 0, 0)], events[shareCell(layout, 0, 0, 0, 1)]]).toEqual([1, 1]);
    // all, arm 1: month 2 leaves out censored person 2.
    expect([n[nCell(layout, 0, 1, 0)], n[nCell(layout, 0, 1, 1)]]).toEqual([2, 1]);
    expect([events[shareCell(layout, 0, 0, 1, 0)], events[shareCell(layout, 0, 0, 1, 1)]]).toEqual([2, 1]);
    // K, arm 1 is person 2 alone; the missing gender of person 3 counts in `all` only.
    expect([n[nCell(layout, 1, 1, 0)], n[nCell(layout, 1, 1, 1)]]).toEqual([1, 0]);
    expect([n[nCell(layout, 2, 1, 0)], n[nCell(layout, 2, 1, 1)]]).toEqual([0, 0]);
    // M, arm 0 is person 1: event in month 2 only.
    expect([events[shareCell(layout, 0, 2, 0, 0)], events[shareCell(layout, 0, 2, 0, 1)]]).toEqual([0, 1]);
  });
});
