/**
 * Per subgroup × arm cell, from person weights (1 each for the estimate, the
 * bootstrap multiplicities for a replicate): mean cost, mean person-months
 * in the outcome over months 1 … M, and the share at the primary month.
 *
 * Person-months with censoring: month t counts with the share of the persons
 * observed in month t, so the mean person-months are Σ_t events_t / n_t, the
 * area under the month-by-month curve (methods.md: a censored person-month
 * leaves the numerator and the denominator of that month only). Without
 * censoring this is the plain mean over persons of their months in the
 * outcome. Weighting a person's own observed months up to M instead would
 * impute late months from early ones and understate a rising curve.
 *
 * Persons without a cost are left out of the mean cost only.
 *
 * Speed: persons with the same cells (arm and subgroup levels), observed
 * months and presence of a cost form a group. A replicate adds each drawn
 * person into its group only (weight, cost, months in the outcome); the
 * groups, a few dozen, are then spread over their cells. evaluate()
 * allocates nothing.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import type { SubgroupLayout } from '../estimate/layout.js';

export interface CellDesign {
  panel: Panel;
  /** Index of the outcome in panel.outcomes. */
  outcome: number;
  arm: Uint8Array;
  arms: number;
  groups: SubgroupLayout;
  /** SEK per person; NaN where unknown. */
  cost: Float64Array;
  followUpMonths: number;
  primaryMonth: number;
}

/** Results for every cell s · arms + a. */
export interface CellValues {
  persons: Float64Array;
  costPersons: Float64Array;
  meanCost: Float64Array;
  /** NaN when some month has nobody observed. */
  workMonths: Float64Array;
  share: Float64Array;
  /** Per cell × follow-up month (cell · M + m − 1): persons observed and in the outcome. */
  monthN: Float64Array;
  monthEvents: Float64Array;
}

export class CellStatistics {
  readonly cells: number;
  readonly months: number;
  private readonly persons: number;
  private readonly primary: number;
  private readonly cost: Float64Array;
  /** Group of each person. */
  private readonly groupOf: Int32Array;
  /** Months (0 … M − 1) each person is in the outcome: CSR by eventOffsets. */
  private readonly eventMonths: Int32Array;
  private readonly eventOffsets: Int32Array;
  /** Per group: its cells (CSR), its observed months (CSR), whether its persons have a cost. */
  private readonly groupCells: Int32Array;
  private readonly groupCellOffsets: Int32Array;
  private readonly groupMonths: Int32Array;
  private readonly groupMonthOffsets: Int32Array;
  private readonly groupHasCost: Uint8Array;
  /** Scratch per group: weight, cost sum, events by month (g · M + m). */
  private readonly groupWeight: Float64Array;
  private readonly groupCost: Float64Array;
  private readonly groupEvents: Float64Array;
  private readonly costSum: Float64Array;

  constructor(d: CellDesign) {
    const { panel, groups } = d;
    const A = d.arms;
    const M = d.followUpMonths;
    const O = panel.outcomes.length;
    const T = panel.months.length;
    this.cells = groups.labels.length * A;
    this.months = M;
    this.persons = panel.persons;
    this.primary = d.primaryMonth - 1;
    this.cost = d.cost;
    // Panel column of follow-up month m (1 … M); pre-months come first.
    const column = Int32Array.from({ length: M }, (_, m) => panel.months.indexOf(m + 1));
    if (column.some((c) => c < 0)) throw new RangeError('the panel lacks a follow-up month');

    const groupIndex = new Map<string, number>();
    const groupCells: number[] = [];
    const groupCellOffsets: number[] = [0];
    const groupMonths: number[] = [];
    const groupMonthOffsets: number[] = [0];
    const groupHasCost: number[] = [];
    const eventMonths: number[] = [];
    this.eventOffsets = new Int32Array(panel.persons + 1);
    this.groupOf = new Int32Array(panel.persons);
    for (let p = 0; p < panel.persons; p++) {
      const cells: number[] = [];
      for (let k = 0; k < groups.slots; k++) {
        const s = groups.memberships[p * groups.slots + k];
        if (s >= 0) cells.push(s * A + d.arm[p]);
      }
      const observed: number[] = [];
      for (let m = 0; m < M; m++) {
        const v = panel.values[(p * O + d.outcome) * T + column[m]];
        if (v === MISSING) continue;
        observed.push(m);
        if (v === 1) eventMonths.push(m);
      }
      this.eventOffsets[p + 1] = eventMonths.length;
      const hasCost = Number.isNaN(d.cost[p]) ? 0 : 1;
      const key = `${cells.join(',')}|${observed.join(',')}|${hasCost}`;
      let g = groupIndex.get(key);
      if (g === undefined) {
        g = groupIndex.size;
        groupIndex.set(key, g);
        groupCells.push(...cells);
        groupCellOffsets.push(groupCells.length);
        groupMonths.push(...observed);
        groupMonthOffsets.push(groupMonths.length);
        groupHasCost.push(hasCost);
      }
      this.groupOf[p] = g;
    }
    const G = groupIndex.size;
    this.eventMonths = Int32Array.from(eventMonths);
    this.groupCells = Int32Array.from(groupCells);
    this.groupCellOffsets = Int32Array.from(groupCellOffsets);
    this.groupMonths = Int32Array.from(groupMonths);
    this.groupMonthOffsets = Int32Array.from(groupMonthOffsets);
    this.groupHasCost = Uint8Array.from(groupHasCost);
    this.groupWeight = new Float64Array(G);
    this.groupCost = new Float64Array(G);
    this.groupEvents = new Float64Array(G * M);
    this.costSum = new Float64Array(this.cells);
  }

  /** Fresh output arrays for evaluate(). */
  allocate(): CellValues {
    const cells = this.cells;
    return {
      persons: new Float64Array(cells),
      costPersons: new Float64Array(cells),
      meanCost: new Float64Array(cells),
      workMonths: new Float64Array(cells),
      share: new Float64Array(cells),
      monthN: new Float64Array(cells * this.months),
      monthEvents: new Float64Array(cells * this.months),
    };
  }

  /** The cell values for person weights `times` (how often each person was drawn; 1 each for the estimate). */
  evaluate(times: Int32Array, out: CellValues): void {
    const M = this.months;
    const { cost, groupOf, eventMonths, eventOffsets, groupWeight, groupCost, groupEvents, costSum } = this;
    const { persons, costPersons, monthN, monthEvents } = out;
    groupWeight.fill(0);
    groupCost.fill(0);
    groupEvents.fill(0);
    for (let p = 0; p < this.persons; p++) {
      const k = times[p];
      if (k === 0) continue;
      const g = groupOf[p];
      groupWeight[g] += k;
      const c = cost[p];
      if (c === c) groupCost[g] += k * c; // NaN (no cost) fails c === c
      const base = g * M;
      for (let i = eventOffsets[p], end = eventOffsets[p + 1]; i < end; i++) groupEvents[base + eventMonths[i]] += k;
    }
    persons.fill(0);
    costPersons.fill(0);
    costSum.fill(0);
    monthN.fill(0);
    monthEvents.fill(0);
    const { groupCells, groupCellOffsets, groupMonths, groupMonthOffsets, groupHasCost } = this;
    for (let g = 0; g < groupWeight.length; g++) {
      const k = groupWeight[g];
      if (k === 0) continue;
      for (let i = groupCellOffsets[g]; i < groupCellOffsets[g + 1]; i++) {
        const cell = groupCells[i];
        persons[cell] += k;
        if (groupHasCost[g] === 1) {
          costSum[cell] += groupCost[g];
          costPersons[cell] += k;
        }
        for (let j = groupMonthOffsets[g]; j < groupMonthOffsets[g + 1]; j++) {
          const m = groupMonths[j];
          monthN[cell * M + m] += k;
          monthEvents[cell * M + m] += groupEvents[g * M + m];
        }
      }
    }
    const primary = this.primary;
    for (let cell = 0; cell < this.cells; cell++) {
      out.meanCost[cell] = costPersons[cell] > 0 ? costSum[cell] / costPersons[cell] : NaN;
      let months = 0;
      for (let m = 0; m < M; m++) months += monthEvents[cell * M + m] / monthN[cell * M + m];
      out.workMonths[cell] = months;
      const at = cell * M + primary;
      out.share[cell] = monthN[at] > 0 ? monthEvents[at] / monthN[at] : NaN;
    }
  }
}
