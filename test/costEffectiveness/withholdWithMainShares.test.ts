import { describe, expect, it } from 'vitest';
import { withholdWithMainShares as withholdBalance } from '../../src/balance/withholdWithMainShares.js';
import { withholdWithMainShares as withholdCea } from '../../src/costEffectiveness/withholdWithMainShares.js';
import type { BalanceRow, CostEffectivenessRow, CostEffectivenessSection, ShareRow } from '../../src/results.js';

const share = (subgroup: string, arm: string, month: number, suppressed: boolean): ShareRow => ({
  outcome: 'work', subgroup, arm, month, n: suppressed ? null : 100, events: suppressed ? null : 20, share: suppressed ? null : 0.2, ci_low: null, ci_high: null, suppressed,
});

function ceaRow(subgroup: string, arm: string): CostEffectivenessRow {
  return {
    subgroup, arm, reference: 'FS', cost: 2, reference_cost: 1, delta_cost: 1, delta_cost_ci_low: 0.5, delta_cost_ci_high: 1.5,
    work_months: 3, reference_work_months: 2, delta_work_months: 1, delta_work_months_ci_low: 0.5, delta_work_months_ci_high: 1.5,
    delta_share: 0.1, delta_share_ci_low: 0, delta_share_ci_high: 0.2, icer_work_months: 1, icer_work_months_ci_low: 0.5, icer_work_months_ci_high: 2,
    icer_meaningful: true, net_benefit: 5, net_benefit_ci_low: 1, net_benefit_ci_high: 9, ceac: [{ value: 0, probability: 0 }], suppressed: false,
  };
}

describe('values derived from main-table shares follow their suppression', () => {
  it('withholds the person-months of a cost-effectiveness row when a monthly share of its arm or reference is hidden, keeping the costs', () => {
    const section: CostEffectivenessSection = {
      cost_source: 'person', value_per_work_month: 5, outcome: 'work', months: 3, primary_month: 3,
      rows: [ceaRow('all', 'SE'), ceaRow('gender=K', 'SE'), ceaRow('gender=M', 'SE')],
    };
    // gender=K: the reference's month 2 is hidden; gender=M: a hidden share of another outcome or a pre-month does not count.
    const shares = [share('gender=K', 'FS', 2, true), share('gender=M', 'SE', -1, true), { ...share('gender=M', 'SE', 2, true), outcome: 'employment' }, share('all', 'SE', 2, false)];
    const out = withholdCea(section, shares);
    expect(out.rows[0]).toEqual(section.rows[0]);
    expect(out.rows[2]).toEqual(section.rows[2]);
    const k = out.rows[1];
    expect([k.delta_work_months, k.delta_share, k.icer_work_months, k.net_benefit, k.icer_meaningful, k.suppressed]).toEqual([null, null, null, null, false, true]);
    expect(k.ceac).toEqual([]);
    expect([k.cost, k.delta_cost, k.delta_cost_ci_low]).toEqual([2, 1, 0.5]);
  });

  it('withholds a pre-month balance row whose share is hidden in the main table', () => {
    const row = (arm: string, month: number | null, variable = 'work'): BalanceRow => ({
      variable, month, kind: 'binary', arm, reference: 'FS', mean: 0.2, reference_mean: 0.25, smd: -0.12, flagged: true,
      missing: 0, reference_missing: 0, missing_suppressed: false, suppressed: false,
    });
    const section = { rows: [row('SE', -2), row('CM', -2), row('SE', null, 'age')], joint: null };
    const out = withholdBalance(section, [share('all', 'SE', -2, true)], 'work');
    expect(out.rows[0]).toMatchObject({ mean: null, reference_mean: 0.25, smd: null, flagged: null, suppressed: true });
    expect(out.rows[1]).toEqual(section.rows[1]);
    expect(out.rows[2]).toEqual(section.rows[2]);
  });
});
