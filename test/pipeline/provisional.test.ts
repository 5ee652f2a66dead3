/**
 * runAnalysis's provisional results (RunOptions.onProvisional): what the
 * command draws charts from while the effects' intervals are computed. They
 * must already be the final results' shares and sections, under the same
 * disclosure control, so that the charts drawn from them are the final
 * ones (the command checks each spec again against the final results).
 */
import { describe, expect, it } from 'vitest';
import { chartSpecs } from '../../src/report/charts.js';
import { locateInputs, runAnalysis, type Results } from '../../src/index.js';

async function provisionalAndFinal(overrides: object, disclosureControl = true): Promise<{ partial: Results[]; final: Results }> {
  const partial: Results[] = [];
  const final = await runAnalysis(locateInputs('fixtures/ae-trial'), {
    overrides: { bootstrap: { replicates: 50 }, inference: { permutations: 50 }, ...overrides },
    disclosureControl,
    onProvisional: (results) => partial.push(results),
  });
  return { partial, final };
}

describe('provisional results', () => {
  for (const [name, overrides, disclosureControl] of [
    ['diff', {}, true],
    ['ols with BCa', { estimator: 'ols', bootstrap: { replicates: 50, ci: 'bca' } }, true],
    ['a high threshold, many cells hidden', { minCellSize: 40 }, true],
    ['no disclosure control', {}, false],
  ] as const) {
    it(`hold the final shares, sections and charts but for the effects (${name})`, async () => {
      const { partial, final } = await provisionalAndFinal(overrides, disclosureControl);
      expect(partial).toHaveLength(1);
      const [early] = partial;
      expect(early.effects).toEqual([]);
      expect(early.shares).toEqual(final.shares);
      expect(early.composition).toEqual(final.composition);
      expect(early.cost_effectiveness).toEqual(final.cost_effectiveness);
      expect(early.balance).toEqual(final.balance);
      const earlySpecs = chartSpecs(early);
      const finalSpecs = chartSpecs(final);
      for (const key of ['figure1', 'monthly', 'composition', 'ceac']) expect(earlySpecs.get(key), key).toEqual(finalSpecs.get(key));
      if (name === 'a high threshold, many cells hidden') expect(final.shares.some((row) => row.suppressed)).toBe(true);
    }, 60_000);
  }
});
