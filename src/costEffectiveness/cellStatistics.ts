/**
 * Per subgroup × arm cell, from a resample (every person once for the
 * estimate, a bootstrap replicate otherwise): mean cost, mean person-months
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
 * Speed: a resample is given as the counts of the resampling groups
 * (personResampling.ts), whose persons share arm, subgroup levels and
 * outcome history, with each group's drawn costs summed (ResampledCosts):
 * no pass over persons. Group counts are summed into cell groups (arm,
 * subgroup levels, follow-up history; blocks do not matter here), those
 * into rows (arm × combination of subgroup levels) month by month (as
 * stretches of months, monthStretches.ts), and the rows into the cells of
 * each subgroup they belong to. evaluate() allocates nothing.
 */
import { groupByKey, type ResampleGroups } from '../estimate/groupMultinomial.js';
import { addStretches, runningSums, stretchLists, type Stretches } from '../estimate/monthStretches.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import { MISSING, type Panel } from '../panel/buildPanel.js';

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

/** Cells of the cost-effectiveness statistics: subgroup levels × arms. */
export function costEffectivenessCells(subgroupLevels: number, arms: number): number {
  return subgroupLevels * arms;
}

export class CellStatistics {
  readonly cells: number;
  readonly months: number;
  private readonly arms: number;
  private readonly primary: number;
  /** Cell group of each resampling group. */
  private readonly cellGroupOf: Int32Array;
  /** Per cell group: its row, and its observed and in-outcome months as stretches of the row's months. */
  private readonly rowOf: Int32Array;
  private readonly observed: Stretches;
  private readonly events: Stretches;
  /** Per row: its arm and its subgroups (rowSubgroups[r · slots + k], −1 for none). */
  private readonly rowArm: Int32Array;
  private readonly rowSubgroups: Int32Array;
  private readonly slots: number;
  /** Scratch per cell group and per row. */
  private readonly cgCount: Float64Array;
  private readonly cgCost: Float64Array;
  private readonly cgCostPersons: Float64Array;
  private readonly rowPersons: Float64Array;
  private readonly rowCost: Float64Array;
  private readonly rowCostPersons: Float64Array;
  private readonly rowN: Float64Array;
  private readonly rowEvents: Float64Array;
  private readonly costSum: Float64Array;

  /** `resample`: the groups whose counts evaluate() is given (resamplingGroups of the same panel and outcome). */
  constructor(d: CellDesign, resample: ResampleGroups) {
    const { panel, groups } = d;
    const A = d.arms;
    const M = d.followUpMonths;
    const O = panel.outcomes.length;
    const T = panel.months.length;
    this.cells = costEffectivenessCells(groups.labels.length, A);
    this.arms = A;
    this.months = M;
    this.primary = d.primaryMonth - 1;
    this.slots = groups.slots;
    // Follow-up months 1 … M are consecutive panel columns after the pre-months.
    const first = panel.months.indexOf(1);
    for (let m = 0; m < M; m++) if (panel.months[first + m] !== m + 1 || first < 0) throw new RangeError('the panel lacks a follow-up month');

    const F = resample.fine.size.length;
    const { fineMembers, members } = resample;
    const representative = Int32Array.from({ length: F }, (_, f) => members[fineMembers[f]]);
    const followUp = (p: number) => (p * O + d.outcome) * T + first;
    const key = { values: panel.values, label: d.arm, groups, rowStride: O * T, rowOffset: d.outcome * T + first };
    const cellGroups = groupByKey(representative, { ...key, rowLength: M });
    const rows = groupByKey(cellGroups.first, { ...key, rowLength: 0 });
    this.cellGroupOf = cellGroups.groupOf;

    const G = cellGroups.first.length;
    const observed = stretchLists();
    const events = stretchLists();
    for (let c = 0; c < G; c++) {
      const start = followUp(cellGroups.first[c]);
      const r = rows.groupOf[c];
      observed.add(r * M, M, (m) => panel.values[start + m] !== MISSING);
      observed.close();
      events.add(r * M, M, (m) => panel.values[start + m] === 1);
      events.close();
    }
    this.observed = observed.done();
    this.events = events.done();
    this.rowOf = rows.groupOf;
    const R = rows.first.length;
    this.rowArm = Int32Array.from(rows.first, (p) => d.arm[p]);
    this.rowSubgroups = new Int32Array(R * this.slots);
    for (let r = 0; r < R; r++) for (let k = 0; k < this.slots; k++) this.rowSubgroups[r * this.slots + k] = groups.memberships[rows.first[r] * this.slots + k];

    this.cgCount = new Float64Array(G);
    this.cgCost = new Float64Array(G);
    this.cgCostPersons = new Float64Array(G);
    this.rowPersons = new Float64Array(R);
    this.rowCost = new Float64Array(R);
    this.rowCostPersons = new Float64Array(R);
    this.rowN = new Float64Array(R * M);
    this.rowEvents = new Float64Array(R * M);
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

  /**
   * The cell values of a resample: `counts` per resampling group (their
   * sizes for the estimate), and per group the cost summed over the persons
   * drawn and how many of them have a cost (ResampledCosts).
   */
  evaluate(counts: Int32Array, costs: { sum: Float64Array; persons: Float64Array }, out: CellValues): void {
    const M = this.months;
    const { cellGroupOf, cgCount, cgCost, cgCostPersons } = this;
    cgCount.fill(0);
    cgCost.fill(0);
    cgCostPersons.fill(0);
    for (let f = 0; f < counts.length; f++) {
      const x = counts[f];
      if (x === 0) continue;
      const cg = cellGroupOf[f];
      cgCount[cg] += x;
      cgCost[cg] += costs.sum[f];
      cgCostPersons[cg] += costs.persons[f];
    }

    const { rowOf, observed, events, rowPersons, rowCost, rowCostPersons, rowN, rowEvents } = this;
    rowPersons.fill(0);
    rowCost.fill(0);
    rowCostPersons.fill(0);
    rowN.fill(0);
    rowEvents.fill(0);
    for (let cg = 0; cg < cgCount.length; cg++) {
      const x = cgCount[cg];
      if (x === 0) continue;
      const r = rowOf[cg];
      rowPersons[r] += x;
      rowCost[r] += cgCost[cg];
      rowCostPersons[r] += cgCostPersons[cg];
      addStretches(observed, cg, x, rowN);
      addStretches(events, cg, x, rowEvents);
    }
    runningSums(rowN, M);
    runningSums(rowEvents, M);

    const { persons, costPersons, monthN, monthEvents } = out;
    const { rowArm, rowSubgroups, slots, costSum } = this;
    const A = this.arms;
    persons.fill(0);
    costPersons.fill(0);
    costSum.fill(0);
    monthN.fill(0);
    monthEvents.fill(0);
    for (let r = 0; r < rowArm.length; r++) {
      for (let k = 0; k < slots; k++) {
        const s = rowSubgroups[r * slots + k];
        if (s < 0) continue;
        const cell = s * A + rowArm[r];
        persons[cell] += rowPersons[r];
        costSum[cell] += rowCost[r];
        costPersons[cell] += rowCostPersons[r];
        for (let m = 0; m < M; m++) {
          monthN[cell * M + m] += rowN[r * M + m];
          monthEvents[cell * M + m] += rowEvents[r * M + m];
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
