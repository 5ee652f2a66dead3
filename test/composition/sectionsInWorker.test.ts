import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysisSections, primaryOutcomePanel, type SectionsInput } from '../../src/composition/analysisSections.js';
import type { EstimateWorkerInput, EstimateWorkerOutput } from '../../src/estimate/estimateWorker.js';
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

describe('analysis sections on the estimate worker', () => {
  // The compiled modules: a worker thread runs compiled code (npm test builds first).
  const dist = (path: string) => join(ROOT, 'dist', path);
  it.runIf(existsSync(dist('estimate/estimateWorker.js')))('give the same sections in the worker, helped by this thread, as in line', async () => {
    const input = randomInput();
    const inline = analysisSections(input);
    const sections = (await import(pathToFileURL(dist('composition/analysisSections.js')).href)) as typeof import('../../src/composition/analysisSections.js');
    const threads = (await import(pathToFileURL(dist('threads/oneShotWorker.js')).href)) as typeof import('../../src/threads/oneShotWorker.js');
    const shared: SectionsInput = { ...input, ...sections.sectionsSharing(input) };
    const worker = threads.startWorker<EstimateWorkerInput, EstimateWorkerOutput>(pathToFileURL(dist('estimate/estimateWorker.js')), 'estimate');
    expect(worker).not.toBeNull();
    try {
      const run = worker!.run({ jobs: [], sharedRefits: null, balance: undefined, sections: shared });
      // As runAnalysis does once its own estimate is done: take replicates the worker has not reached.
      sections.helpWithSections(shared);
      const threaded = await run;
      expect(JSON.stringify(threaded.sections)).toBe(JSON.stringify(inline));
    } finally {
      worker!.close();
    }
    expect(inline.costEffectiveness!.section!.rows).toHaveLength(2 * 3);
  });
});
