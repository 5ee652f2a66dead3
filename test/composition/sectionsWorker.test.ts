import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysisSections, primaryOutcomePanel, sectionsWorker, type SectionsInput } from '../../src/composition/analysisSections.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { STATUS_NAMES } from '../../src/panel/spellTypes.js';
import { RandomStream } from '../../src/random/stream.js';
import { ROOT } from '../sharedPaths.js';

/** A random input: 240 persons, 3 arms, 4 blocks, 6 months, gender, person costs. */
function randomInput(): SectionsInput {
  const rng = new RandomStream(8, 8);
  const persons = 240;
  const T = 6;
  const config = resolveConfig({ followUpMonths: T, bootstrap: { replicates: 120, seed: 77 }, inference: { permutations: 150 }, valuePerWorkMonth: 20000 });
  const arm = Uint8Array.from({ length: persons }, (_, p) => p % 3);
  const status = Uint8Array.from({ length: persons * T }, () => (rng.nextFloat() < 0.03 ? MISSING : rng.nextInt(STATUS_NAMES.length)));
  const values = new Uint8Array(persons * 6 * T);
  for (let p = 0; p < persons; p++) for (let t = 0; t < T; t++) values[p * 6 * T + t] = status[p * T + t] === MISSING ? MISSING : status[p * T + t] < 4 ? 1 : 0;
  const panel: Panel = { persons, outcomes: Object.keys(config.outcomes), months: Int32Array.from({ length: T }, (_, t) => t + 1), values, status, censored: new Int32Array(T) };
  const gender = { levels: ['K', 'M'], codes: Int32Array.from({ length: persons }, () => rng.nextInt(2)) };
  return {
    participants: { arm, block: { levels: ['a', 'b', 'c', 'd'], codes: Int32Array.from({ length: persons }, () => rng.nextInt(4)) } },
    panel: primaryOutcomePanel(panel, 'work'),
    groups: subgroupLayout(persons, new Map([['gender', gender]])),
    costs: { perPerson: Float64Array.from({ length: persons }, (_, p) => 20000 + 10000 * arm[p] + rng.nextInt(9000)), perArm: null, unmatched: 0 },
    config,
    ownMinCellSize: 5,
  };
}

describe('analysis sections', () => {
  it('computes in line from the sources (no compiled worker module here)', () => {
    expect(sectionsWorker()).toBeNull();
  });

  const compiled = join(ROOT, 'dist', 'composition', 'analysisSections.js');
  it.runIf(existsSync(compiled))('gives the same sections in a worker thread as in line', async () => {
    const input = randomInput();
    const inline = analysisSections(input);
    const module = (await import(pathToFileURL(compiled).href)) as typeof import('../../src/composition/analysisSections.js');
    const worker = module.sectionsWorker();
    expect(worker).not.toBeNull();
    try {
      const threaded = await worker!.run(input);
      expect(JSON.stringify(threaded)).toBe(JSON.stringify(inline));
    } finally {
      worker!.close();
    }
    expect(inline.costEffectiveness!.section!.rows).toHaveLength(2 * 3);
  });
});
