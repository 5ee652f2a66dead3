import { describe, expect, it } from 'vitest';
import { assessCostEffectiveness, costEffectivenessReplicates } from '../../src/costEffectiveness/assessCostEffectiveness.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { assertFiniteNumbers } from '../../src/report/resultsJson.js';

/**
 * Two arms of 6 persons, 3 months, outcome `work`.
 * Reference R: costs 100, 200, 300, 400, 500, 600 (mean 350); never in work except
 *   person 0 in month 3 and person 1 censored in month 3.
 *   Month shares: 0/6, 0/6, 1/5 → work-months 0.2.
 * Arm A: costs 1000 … 1500 (mean 1250); persons 6–11 in work every month,
 *   except person 11 whose month 3 is censored.
 *   Month shares: 6/6, 6/6, 5/5 → work-months 3 in every replicate too.
 * Δcost = 900, Δwork-months = 2.8, ICER = 900 / 2.8, net benefit at 1 000 SEK = 2 800 − 900 = 1 900.
 */
function tinyDesign() {
  const persons = 12;
  const T = 3;
  const values = new Uint8Array(persons * T);
  const arm = new Uint8Array(persons);
  const cost = new Float64Array(persons);
  for (let p = 0; p < persons; p++) {
    arm[p] = p < 6 ? 0 : 1;
    cost[p] = p < 6 ? 100 * (p + 1) : 1000 + 100 * (p - 6);
    for (let t = 0; t < T; t++) values[p * T + t] = arm[p] === 1 ? 1 : 0;
  }
  values[0 * T + 2] = 1;
  values[1 * T + 2] = MISSING;
  values[11 * T + 2] = MISSING;
  const panel: Panel = { persons, outcomes: ['work'], months: Int32Array.from([1, 2, 3]), values, status: new Uint8Array(0), censored: new Int32Array(T) };
  return { panel, arm, block: new Int32Array(persons), blockCount: 1, groups: subgroupLayout(persons, new Map()), cost };
}

const config = {
  arms: ['R', 'A'],
  reference: 'R',
  bootstrap: { replicates: 400, seed: 5, ci: 'percentile' as const, level: 0.95 },
  minCellSize: 1,
  primaryOutcome: 'work',
  primaryMonth: 3,
  followUpMonths: 3,
  valuePerWorkMonth: 1000,
};

describe('cost-effectiveness on a tiny data set', () => {
  const d = tinyDesign();
  const section = assessCostEffectiveness({ ...d, costSource: 'person', config });
  const row = section.rows[0];

  it('gives the hand-computed means and differences', () => {
    expect(section.rows).toHaveLength(1);
    expect(row.cost).toBe(1250);
    expect(row.reference_cost).toBe(350);
    expect(row.delta_cost).toBe(900);
    expect(row.reference_work_months).toBeCloseTo(0.2, 14);
    expect(row.work_months).toBe(3);
    expect(row.delta_work_months).toBeCloseTo(2.8, 14);
    expect(row.delta_share).toBeCloseTo(1 - 1 / 5, 14);
  });

  it('gives the ICER and the net benefit at valuePerWorkMonth', () => {
    expect(row.icer_meaningful).toBe(true);
    expect(row.icer_work_months).toBeCloseTo(900 / 2.8, 10);
    expect(row.net_benefit).toBeCloseTo(1000 * 2.8 - 900, 10);
  });

  it('takes every interval from the bootstrap replicates', () => {
    const reps = costEffectivenessReplicates({ ...d, costSource: 'person', config });
    const B = 400;
    const dCost = Array.from({ length: B }, (_, b) => reps.meanCost[b * reps.cells + 1] - reps.meanCost[b * reps.cells]).sort((a, b) => a - b);
    // R type 7 quantiles at 2.5 % and 97.5 % of the sorted replicate differences.
    const q = (p: number) => {
      const h = (B - 1) * p;
      const lo = Math.floor(h);
      return dCost[lo] + (h - lo) * (dCost[lo + 1] - dCost[lo]);
    };
    expect(row.delta_cost_ci_low).toBeCloseTo(q(0.025), 9);
    expect(row.delta_cost_ci_high).toBeCloseTo(q(0.975), 9);
    expect(row.delta_work_months_ci_low!).toBeGreaterThan(0);
    // The net benefit is linear in the replicates: its interval is 1000·Δwork-months − Δcost taken replicate by replicate.
    expect(row.net_benefit_ci_low!).toBeLessThan(row.net_benefit!);
    expect(row.net_benefit_ci_high!).toBeGreaterThan(row.net_benefit!);
  });

  it('says "not meaningful" (null) when the interval of Δwork-months includes zero', () => {
    const flat = tinyDesign();
    flat.panel.values.fill(0);
    const none = assessCostEffectiveness({ ...flat, costSource: 'person', config }).rows[0];
    expect(none.delta_work_months).toBe(0);
    expect(none.icer_meaningful).toBe(false);
    expect(none.icer_work_months).toBeNull();
    expect(none.net_benefit).toBe(-900);
  });

  it('gives null, never NaN, for a subgroup level an arm has nobody in, even without disclosure control', () => {
    // Level "x" holds reference persons 0–2 only; level "y" everybody else.
    const levels = { levels: ['x', 'y'], codes: Int32Array.from({ length: 12 }, (_, p) => (p < 3 ? 0 : 1)) };
    const section = assessCostEffectiveness({ ...d, groups: subgroupLayout(12, new Map([['g', levels]])), costSource: 'person', config: { ...config, minCellSize: 0 } });
    const empty = section.rows.find((row) => row.subgroup === 'g=x')!;
    expect([empty.cost, empty.delta_cost, empty.delta_work_months, empty.icer_work_months, empty.net_benefit]).toEqual([null, null, null, null, null]);
    expect(empty.suppressed).toBe(true);
    expect(() => assertFiniteNumbers(section, 'cost_effectiveness')).not.toThrow();
  });

  it('withholds work-month values when a monthly share is a small cell', () => {
    const hidden = assessCostEffectiveness({ ...d, costSource: 'person', config: { ...config, minCellSize: 5 } }).rows[0];
    // Reference month 3: 1 of 5 in work, a small cell.
    expect(hidden.suppressed).toBe(true);
    expect(hidden.delta_work_months).toBeNull();
    expect(hidden.icer_work_months).toBeNull();
    expect(hidden.ceac).toEqual([]);
    expect(hidden.delta_cost).toBe(900); // six persons with a cost in each arm: shown
  });
});
