import { distinctAssignments, personsByBlock } from '../../src/balance/randomizationTest.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromHeader } from '../../src/config/resolve.js';
import { estimate } from '../../src/estimate/estimate.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import { buildPanel } from '../../src/panel/buildPanel.js';
import { readParticipants } from '../../src/read/participants.js';
import { readSpells } from '../../src/read/spells.js';
import { SHARED } from '../sharedPaths.js';

const GOLDEN = join(SHARED, 'golden', 'monthly-windows');

/** Expected n and events per (outcome, subgroup, arm, month), from the golden panel file alone. */
function expectedCounts(file: string) {
  const people = new Map<string, { arm: string; gender: string }>();
  for (const line of readFileSync(join(GOLDEN, 'participants.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, arm, , gender] = line.split(',');
    people.set(id, { arm, gender });
  }
  const counts = new Map<string, { n: number; events: number }>();
  for (const line of readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n').slice(1)) {
    const [id, outcome, month, value] = line.split(',');
    if (value === '') continue;
    const { arm, gender } = people.get(id)!;
    for (const subgroup of ['all', `gender=${gender}`]) {
      const key = `${outcome}|${subgroup}|${arm}|${month}`;
      const c = counts.get(key) ?? { n: 0, events: 0 };
      c.n++;
      c.events += Number(value);
      counts.set(key, c);
    }
  }
  return counts;
}

async function goldenEstimates(extractDate?: string) {
  const plan = planFromHeader({ preMonths: 2, extractDate, minCellSize: 1, bootstrap: { replicates: 200 }, subgroups: ['gender'] });
  const { participants, config } = await readParticipants(join(GOLDEN, 'participants.csv'), plan);
  const spells = await readSpells(join(GOLDEN, 'spells.csv'), participants, undefined);
  const panel = buildPanel(participants, spells, config);
  return estimate({
    panel,
    arm: participants.arm,
    block: participants.block.codes,
    blockCount: participants.block.levels.length,
    groups: subgroupLayout(participants.count, participants.subgroups),
    config,
  });
}

describe('estimate on the golden persons', () => {
  for (const [file, extractDate] of [['expected-end.csv', undefined], ['expected-end-extract-2016-03-31.csv', '2016-03-31']] as const) {
    it(`counts n and events per cell as the golden panel implies (${file})`, async () => {
      const result = await goldenEstimates(extractDate);
      const expected = expectedCounts(file);
      expect(result.shares).toHaveLength(6 * 3 * 3 * 17);
      for (const row of result.shares) {
        const c = expected.get(`${row.outcome}|${row.subgroup}|${row.arm}|${row.month}`) ?? { n: 0, events: 0 };
        if (c.n === 0) {
          // nobody observed: nothing to show, even at threshold 1
          expect(row.suppressed).toBe(true);
          continue;
        }
        expect(row.n, `${row.outcome} ${row.subgroup} ${row.arm} ${row.month}`).toBe(c.n);
        expect(row.events).toBe(c.events);
        expect(row.share).toBe(c.events / c.n);
      }
    });
  }

  it('reports differences to the reference with CIs that contain the estimate', async () => {
    const result = await goldenEstimates();
    const { participants } = await readParticipants(join(GOLDEN, 'participants.csv'), planFromHeader({}));
    const assignments = new Map(['SE', 'CM'].map((arm) => {
      const a = ['FS', 'SE', 'CM'].indexOf(arm);
      const members = Array.from(participants.arm.keys()).filter((p) => participants.arm[p] === 0 || participants.arm[p] === a);
      const blocks = personsByBlock(Int32Array.from(members, (p) => participants.block.codes[p]), participants.block.levels.length);
      return [arm, distinctAssignments(Uint8Array.from(members, (p) => participants.arm[p]), blocks, 3, 1e9)];
    }));
    const effects = result.effects.filter((e) => e.subgroup === 'all' && e.outcome === 'work');
    expect(effects).toHaveLength(2 * 17);
    for (const e of effects) {
      const share = (arm: string) => result.shares.find((s) => s.outcome === 'work' && s.subgroup === 'all' && s.arm === arm && s.month === e.month)!.share!;
      expect(e.reference).toBe('FS');
      expect(e.estimate).toBeCloseTo(share(e.arm) - share('FS'), 15);
      expect(e.ci_low!).toBeLessThanOrEqual(e.ci_high!);
      // 4 + 4 persons per comparison, within blocks: every assignment is enumerated, so p is a multiple of 1/N
      // (N the within-block assignments) and at least 1/N (the observed assignment counts).
      expect(e.p_method).toBe('randomization-exact');
      const N = assignments.get(e.arm)!;
      expect(e.p! * N).toBeCloseTo(Math.round(e.p! * N), 9);
      expect(e.p!).toBeGreaterThanOrEqual(1 / N - 1e-12);
    }
  });

  it('suppresses small cells at the default threshold', async () => {
    const plan = planFromHeader({ bootstrap: { replicates: 20 } });
    const { participants, config } = await readParticipants(join(GOLDEN, 'participants.csv'), plan);
    const spells = await readSpells(join(GOLDEN, 'spells.csv'), participants, undefined);
    const panel = buildPanel(participants, spells, config);
    const result = estimate({ panel, arm: participants.arm, block: participants.block.codes, blockCount: participants.block.levels.length, groups: subgroupLayout(participants.count, participants.subgroups), config });
    // 4 persons per arm: below 5, so every share and effect is marked; the values stay for applyDisclosureControl.
    expect(result.shares.every((s) => s.suppressed && s.n !== null)).toBe(true);
    expect(result.effects.every((e) => e.suppressed)).toBe(true);
  });
});
