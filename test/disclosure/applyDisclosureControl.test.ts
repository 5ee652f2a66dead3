import { describe, expect, it } from 'vitest';
import { applyDisclosureControl } from '../../src/disclosure/index.js';
import type { Results, ShareRow } from '../../src/results.js';
import { attack } from './attacker.js';
import { randomTrial, smallCell, trueResults, type Person, type Trial } from './syntheticTrial.js';

/** A trial built person by person from counts per (arm, gender, region): events of one outcome, one month. */
function trialOf(groups: { arm: number; gender: number; region?: number; persons: number; events: number; studying?: number }[], arms = ['FS', 'SE'], regions = ['n']): Trial {
  const persons: Person[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.persons; i++) {
      // Status: work for the persons with the event, then education for `studying` persons, then none.
      const status = i < g.events ? 0 : i < g.events + (g.studying ?? 0) ? 1 : 2;
      persons.push({ arm: g.arm, levels: [g.gender, g.region ?? 0], observedUntil: 1, outcome: [[i < g.events ? 1 : 0]], status: [status] });
    }
  }
  return { arms, variables: [{ name: 'gender', levels: ['K', 'M'] }, { name: 'region', levels: regions }], outcomes: ['work'], statuses: ['work', 'education', 'none'], months: 1, minCellSize: 5, persons };
}

const row = (r: Results, subgroup: string, arm: string, outcome = 'work'): ShareRow => r.shares.find((s) => s.subgroup === subgroup && s.arm === arm && s.outcome === outcome)!;
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('applyDisclosureControl: complementary cells', () => {
  // FS: 40 women with 3 in work (a small cell), 60 men with 20; SE: 50 + 50 persons, 10 + 10 in work.
  const trial = trialOf([
    { arm: 0, gender: 0, persons: 40, events: 3 },
    { arm: 0, gender: 1, persons: 60, events: 20 },
    { arm: 1, gender: 0, persons: 50, events: 10 },
    { arm: 1, gender: 1, persons: 50, events: 10 },
  ]);

  it('hides the other gender, since gender=K would be all − gender=M', () => {
    const out = applyDisclosureControl(trueResults(trial, false), { enabled: true });
    expect(row(out, 'gender=K', 'FS')).toMatchObject({ suppressed: true, n: null, events: null, share: null, ci_low: null, ci_high: null });
    expect(row(out, 'gender=M', 'FS')).toMatchObject({ suppressed: true, n: null, events: null, share: null });
    expect(row(out, 'all', 'FS')).toMatchObject({ suppressed: false, n: 100, events: 23 });
    expect(row(out, 'gender=K', 'SE')).toMatchObject({ suppressed: false, n: 50, events: 10 });
  });

  it('hides the effects built on a hidden share, for the arm and for the reference', () => {
    const out = applyDisclosureControl(trueResults(trial, false), { enabled: true });
    for (const subgroup of ['gender=K', 'gender=M']) {
      expect(out.effects.find((e) => e.subgroup === subgroup)).toMatchObject({ suppressed: true, estimate: null, se: null, ci_low: null, ci_high: null, p: null });
    }
    expect(out.effects.find((e) => e.subgroup === 'all')).toMatchObject({ suppressed: false, estimate: 20 / 100 - 23 / 100 });
  });

  it('counts 1 primary share and its effect, and 1 complementary share and its effect', () => {
    const out = applyDisclosureControl(trueResults(trial, false), { enabled: true });
    expect(out.disclosure).toEqual({ applied: true, min_cell_size: 5, primary_suppressed: 2, complementary_suppressed: 2 });
  });

  it('does not hide the other level when 5 or more persons lack a level (no exact subtraction)', () => {
    const withMissing = trialOf([
      { arm: 0, gender: 0, persons: 40, events: 3 },
      { arm: 0, gender: 1, persons: 60, events: 20 },
      { arm: 1, gender: 0, persons: 50, events: 10 },
      { arm: 1, gender: 1, persons: 50, events: 10 },
      { arm: 0, gender: -1, persons: 5, events: 2 },
    ]);
    expect(row(applyDisclosureControl(trueResults(withMissing, false), { enabled: true }), 'gender=M', 'FS').suppressed).toBe(false);
  });

  it('does hide it when 1–4 persons lack a level: subtraction then misses by fewer than the threshold', () => {
    const withMissing = trialOf([
      { arm: 0, gender: 0, persons: 40, events: 3 },
      { arm: 0, gender: 1, persons: 60, events: 20 },
      { arm: 1, gender: 0, persons: 50, events: 10 },
      { arm: 1, gender: 1, persons: 50, events: 10 },
      { arm: 0, gender: -1, persons: 4, events: 2 },
    ]);
    expect(row(applyDisclosureControl(trueResults(withMissing, false), { enabled: true }), 'gender=M', 'FS').suppressed).toBe(true);
  });

  it('hides a small denominator and its complement in every outcome alike', () => {
    // 3 women in SE: n is below 5 whatever the outcome.
    const small = trialOf([
      { arm: 0, gender: 0, persons: 40, events: 10 },
      { arm: 0, gender: 1, persons: 60, events: 20 },
      { arm: 1, gender: 0, persons: 3, events: 0 },
      { arm: 1, gender: 1, persons: 50, events: 10 },
    ]);
    const out = applyDisclosureControl(trueResults(small), { enabled: true });
    for (const table of [out.shares]) {
      for (const r of table.filter((s) => s.arm === 'SE' && s.subgroup.startsWith('gender='))) expect(r.n, `${r.outcome} ${r.subgroup}`).toBeNull();
    }
  });

  it('hides an arm of fewer than 5 persons in n, with the next smallest arm (the total is published)', () => {
    const tiny = trialOf([
      { arm: 0, gender: 0, persons: 40, events: 10 },
      { arm: 0, gender: 1, persons: 60, events: 20 },
      { arm: 1, gender: 0, persons: 20, events: 5 },
      { arm: 1, gender: 1, persons: 30, events: 10 },
      { arm: 2, gender: 0, persons: 3, events: 0 },
    ], ['FS', 'SE', 'CM']);
    const out = applyDisclosureControl(trueResults(tiny, false), { enabled: true });
    expect(out.n).toEqual({ FS: 100, SE: null, CM: null });
    expect(row(out, 'all', 'SE').n).toBeNull();
    expect(row(out, 'all', 'CM').n).toBeNull();
    expect(row(out, 'all', 'FS').n).toBe(100);
  });

  it('hides a second status when one status of an arm-month is small (statuses add up to n)', () => {
    const out = applyDisclosureControl(trueResults(trial), { enabled: true });
    const composition = out.composition as unknown as { shares: ShareRow[] };
    // FS: 23 in work, 0 in education, 77 in none. No small status: nothing hidden.
    expect(composition.shares.filter((r) => r.arm === 'FS').every((r) => !r.suppressed)).toBe(true);
    const skewed = trialOf([
      { arm: 0, gender: 0, persons: 40, events: 3, studying: 10 },
      { arm: 0, gender: 1, persons: 60, events: 0, studying: 20 },
      { arm: 1, gender: 0, persons: 50, events: 10 },
      { arm: 1, gender: 1, persons: 50, events: 10 },
    ]);
    // FS: 3 in work (small), 30 in education, 67 in none: work would be 100 − 30 − 67,
    // so the smaller of the others (education) is hidden too.
    const fs = (applyDisclosureControl(trueResults(skewed), { enabled: true }).composition as unknown as { shares: ShareRow[] }).shares.filter((r) => r.arm === 'FS');
    expect(fs.map((r) => [r.outcome, r.suppressed])).toEqual([['work', true], ['education', true], ['none', false]]);
  });
});

describe('applyDisclosureControl: on or off', () => {
  const results = trueResults(randomTrial(11));

  it('is pure: the input is not changed, and the same input gives the same output', () => {
    const frozen = deepFreeze(structuredClone(results));
    const once = applyDisclosureControl(frozen, { enabled: true });
    expect(JSON.stringify(applyDisclosureControl(frozen, { enabled: true }))).toBe(JSON.stringify(once));
    expect(frozen).toEqual(results);
  });

  it('with control off nulls nothing, clears every marker, and records the same counts as not applied', () => {
    const on = applyDisclosureControl(results, { enabled: true });
    const off = applyDisclosureControl(results, { enabled: false });
    expect(off.shares.every((r) => !r.suppressed)).toBe(true);
    expect(off.shares.map((r) => [r.n, r.events, r.share])).toEqual(results.shares.map((r) => [r.n, r.events, r.share]));
    expect(off.effects.map((e) => e.estimate)).toEqual(results.effects.map((e) => e.estimate));
    expect(off.n).toEqual(results.n);
    expect(off.disclosure).toEqual({ ...on.disclosure, applied: false });
  });

  it('keeps the marker on a row whose producer already dropped its values, even with control off', () => {
    const dropped = structuredClone(results);
    Object.assign(dropped.shares[0], { n: null, events: null, share: null, ci_low: null, ci_high: null, suppressed: true });
    expect(applyDisclosureControl(dropped, { enabled: false }).shares[0].suppressed).toBe(true);
  });

  it('nulls every number of a hidden row except its month, fields added later included', () => {
    const extended = structuredClone(results);
    for (const e of extended.effects) Object.assign(e, { p_holm: 0.2, band_low: -0.1 });
    const out = applyDisclosureControl(extended, { enabled: true });
    const hidden = out.effects.filter((e) => e.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const e of hidden) {
      expect(e).toMatchObject({ p_holm: null, band_low: null, estimate: null });
      expect(typeof e.month).toBe('number');
    }
  });

  it('refuses a composition section whose rows are not share rows, rather than pass them unchecked', () => {
    const broken = { ...results, composition: { shares: [{ outcome: 'work', n: 'x' }] } } as unknown as Results;
    expect(() => applyDisclosureControl(broken, { enabled: true })).toThrow(/composition/);
  });
});

describe('applyDisclosureControl against an adversary (random trials, seeded)', () => {
  const SEEDS = 400;

  it('shows no small count and lets no small count be recovered by subtraction', () => {
    let hiddenTotal = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const truth = trueResults(randomTrial(seed));
      const published = applyDisclosureControl(truth, { enabled: true });
      const min = truth.config.minCellSize;
      const tables = [published.shares, (published.composition as unknown as { shares: ShareRow[] }).shares];
      for (const rows of tables) {
        for (const r of rows) {
          if (r.suppressed) {
            hiddenTotal++;
            expect([r.n, r.events, r.share, r.ci_low, r.ci_high], `seed ${seed}`).toEqual([null, null, null, null, null]);
          } else {
            expect(smallCell(r.n!, r.events!, min), `seed ${seed}: ${JSON.stringify(r)} is shown`).toBe(false);
          }
        }
      }
      for (const arm of published.arms) {
        const count = published.n[arm];
        expect(count === null || count >= min, `seed ${seed}: arm ${arm} shows ${count}`).toBe(true);
      }
      const leaks = attack(published, truth);
      expect(leaks, `seed ${seed} (re-run: trueResults(randomTrial(${seed})))`).toEqual([]);
    }
    // The trials are meant to be hard: most of them must hide something.
    expect(hiddenTotal).toBeGreaterThan(SEEDS);
  });

  it('finds leaks when only the primary rule is applied (the adversary works)', () => {
    let leaky = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const truth = trueResults(randomTrial(seed));
      const primaryOnly = structuredClone(truth);
      for (const r of [...primaryOnly.shares, ...(primaryOnly.composition as unknown as { shares: ShareRow[] }).shares]) {
        if (r.suppressed) Object.assign(r, { n: null, events: null, share: null, ci_low: null, ci_high: null });
      }
      if (attack(primaryOnly, truth).length > 0) leaky++;
    }
    expect(leaky).toBeGreaterThan(10);
  });
});

describe('assertDisclosureControlled', () => {
  it('refuses results whose marked rows still hold values, and accepts them after control', async () => {
    const { assertDisclosureControlled } = await import('../../src/disclosure/index.js');
    const raw = trueResults(randomTrial(12));
    expect(raw.shares.some((r) => r.suppressed)).toBe(true);
    expect(() => assertDisclosureControlled(raw)).toThrow(/applyDisclosureControl/);
    expect(() => assertDisclosureControlled(applyDisclosureControl(raw, { enabled: true }))).not.toThrow();
    expect(() => assertDisclosureControlled(applyDisclosureControl(raw, { enabled: false }))).not.toThrow();
  });
});
