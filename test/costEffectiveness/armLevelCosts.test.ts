import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateInputs } from '../../src/pipeline/inputs.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { resultsJson } from '../../src/report/resultsJson.js';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';

describe('cost-effectiveness with arm-level costs (arm,cost_per_participant)', async () => {
  const costs = join(tempDir({ 'costs.csv': 'arm,cost_per_participant\nFS,30000\nSE,65000\nCM,55000\n' }), 'costs.csv');
  const results = await runAnalysis(locateInputs(join(ROOT, 'fixtures', 'ae-trial'), { costs }), {
    overrides: { bootstrap: { replicates: 200 }, inference: { permutations: 100 }, valuePerWorkMonth: 100_000 },
  });
  const section = results.cost_effectiveness!;
  const all = section.rows.filter((row) => row.subgroup === 'all');

  it('reads the costs per arm and compares every non-reference arm in every subgroup', () => {
    expect(section.cost_source).toBe('arm');
    expect(all.map((row) => row.arm)).toEqual(['SE', 'CM']);
    expect(section.rows).toHaveLength(2 * 5); // all, gender K/M, lss_daily_activity 0/1
  });

  it('gives the difference in cost per participant, with no sampling variation', () => {
    const [se, cm] = all;
    expect([se.cost, se.reference_cost, se.delta_cost, se.delta_cost_ci_low, se.delta_cost_ci_high]).toEqual([65000, 30000, 35000, 35000, 35000]);
    expect([cm.delta_cost, cm.delta_cost_ci_low, cm.delta_cost_ci_high]).toEqual([25000, 25000, 25000]);
  });

  it('gives net benefit = value × Δwork-months − Δcost, and a CEAC that is 0 at value 0 (the arm always costs more)', () => {
    for (const row of all) {
      expect(row.net_benefit).toBeCloseTo(100_000 * row.delta_work_months! - row.delta_cost!, 6);
      expect(row.ceac[0]).toEqual({ value: 0, probability: 0 });
      expect(row.ceac.at(-1)!.value).toBeGreaterThanOrEqual(200_000);
    }
  });

  it('writes a results.json with finite numbers only', () => {
    expect(() => resultsJson(results)).not.toThrow();
  });
});
