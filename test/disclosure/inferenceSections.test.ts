/**
 * Disclosure control of the inference sections, on results built by hand:
 * interactions follow the effects they are built from, means of
 * person-level outcomes follow the small-cell rule with complements, and
 * their effects follow the means.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { applyDisclosureControl, assertDisclosureControlled } from '../../src/disclosure/index.js';
import { interactionTablesCsv } from '../../src/report/csvTables.js';
import { RESULTS_SCHEMA, type EffectRow, type InteractionRow, type PersonOutcomeRow, type Results, type ShareRow } from '../../src/results.js';

const share = (subgroup: string, arm: string, n: number, events: number): ShareRow => ({
  outcome: 'work', subgroup, arm, month: 1, n, events, share: events / n, ci_low: events / n - 0.05, ci_high: events / n + 0.05, suppressed: n < 5 || (events > 0 && events < 5) || (n - events > 0 && n - events < 5),
});

const effect = (outcome: string, subgroup: string, month: number | null, estimate: number, suppressed = false): EffectRow => ({
  outcome, subgroup, arm: 'SE', reference: 'FS', month, estimator: 'diff', estimate, se: 0.05, ci_low: estimate - 0.1, ci_high: estimate + 0.1, p: 0.5, p_method: 'randomization', suppressed,
});

const mean = (subgroup: string, arm: string, n: number, value: number): PersonOutcomeRow => ({
  outcome: 'earnings', subgroup, arm, n, mean: value, ci_low: value - 100, ci_high: value + 100, suppressed: false,
});

const interaction = (outcome: string, month: number | null, estimate: number): InteractionRow => ({
  outcome, subgroup_variable: 'gender', levels: ['M', 'K'], arm: 'SE', reference: 'FS', month, estimate, ci_low: estimate - 0.2, ci_high: estimate + 0.2, p: 0.3, p_method: 'bootstrap', suppressed: false,
});

/**
 * Two arms of 100, one month of `work`: FS has 40 women of whom 3 in work (a
 * small cell), 60 men with 20; SE 50 + 50 with 10 + 10. Effects (SE − FS):
 * all 0.20 − 0.23 = −0.03, women 0.20 − 0.075 = 0.125, men 0.20 − 1/3.
 * Earnings: FS 100 persons = 3 women (a small mean) + 97 men; SE 50 + 50.
 */
function handResults(): Results {
  const config = resolveConfig({ arms: ['FS', 'SE'], reference: 'FS', subgroups: ['gender'], minCellSize: 5, followUpMonths: 1, personOutcomes: ['earnings'] });
  return {
    schema: RESULTS_SCHEMA,
    tool: { name: 'effekt', version: 'test' },
    config,
    inputs: { participants: { file: 'participants.csv', sha256: '0'.repeat(64), rows: 200 } },
    arms: ['FS', 'SE'],
    reference: 'FS',
    n: { FS: 100, SE: 100 },
    unmatched_spells: 0,
    censoring: [{ month: 1, censored: 0 }],
    shares: [share('all', 'FS', 100, 23), share('gender=K', 'FS', 40, 3), share('gender=M', 'FS', 60, 20), share('all', 'SE', 100, 20), share('gender=K', 'SE', 50, 10), share('gender=M', 'SE', 50, 10)],
    effects: [
      { ...effect('work', 'all', 1, 0.2 - 0.23), p_holm: 0.5, band_low: -0.2, band_high: 0.14 },
      { ...effect('work', 'gender=K', 1, 0.2 - 0.075, true), band_low: -0.1, band_high: 0.35 },
      { ...effect('work', 'gender=M', 1, 0.2 - 20 / 60), band_low: -0.3, band_high: 0.03 },
      effect('earnings', 'all', null, 1200 - 1000),
      effect('earnings', 'gender=K', null, 1150 - 900),
      effect('earnings', 'gender=M', null, 1250 - 1003),
    ],
    person_outcomes: [
      mean('all', 'FS', 100, 1000), mean('gender=K', 'FS', 3, 900), mean('gender=M', 'FS', 97, 1003),
      mean('all', 'SE', 100, 1200), mean('gender=K', 'SE', 50, 1150), mean('gender=M', 'SE', 50, 1250),
    ],
    interactions: [interaction('work', 1, 0.2 - 20 / 60 - (0.2 - 0.075)), interaction('earnings', null, 247 - 250)],
    warnings: [],
  };
}

const personRow = (r: Results, subgroup: string, arm: string): PersonOutcomeRow => r.person_outcomes!.find((p) => p.subgroup === subgroup && p.arm === arm)!;
const effectRow = (r: Results, outcome: string, subgroup: string): EffectRow => r.effects.find((e) => e.outcome === outcome && e.subgroup === subgroup)!;

describe('disclosure control of interactions', () => {
  it('hides an interaction whose effect in one level is suppressed, keeping its place', () => {
    const out = applyDisclosureControl(handResults(), { enabled: true });
    // Women's effect: FS women have 3 in work. Men's effect: hidden as the complement (all − women).
    expect(effectRow(out, 'work', 'gender=K').suppressed).toBe(true);
    expect(effectRow(out, 'work', 'gender=M').suppressed).toBe(true);
    expect(out.interactions![0]).toEqual({
      outcome: 'work', subgroup_variable: 'gender', levels: ['M', 'K'], arm: 'SE', reference: 'FS', month: 1,
      estimate: null, ci_low: null, ci_high: null, p: null, p_method: 'bootstrap', suppressed: true,
    });
    expect(interactionTablesCsv(out)!.split('\n')[1]).toBe('work,gender,M,K,SE,FS,1,,,,,bootstrap,true');
  });

  it('keeps an interaction whose two effects are shown, and hides one whose effect is missing', () => {
    const results = handResults();
    // No small cells at all: FS women 40 with 10 in work.
    results.shares[1] = share('gender=K', 'FS', 40, 10);
    results.effects[1] = effect('work', 'gender=K', 1, 0.2 - 0.25);
    results.interactions![0] = interaction('work', 1, 0.2 - 20 / 60 - (0.2 - 0.25));
    results.person_outcomes = [];
    results.effects = results.effects.filter((e) => e.month !== null);
    results.interactions!.push({ ...interaction('work', 1, 0.1), subgroup_variable: 'region', levels: ['n', 's'] });
    const out = applyDisclosureControl(results, { enabled: true });
    expect(out.interactions![0]).toEqual(results.interactions![0]);
    expect(out.interactions![2]).toMatchObject({ suppressed: true, estimate: null, levels: ['n', 's'] });
  });

  it('counts a hidden interaction with the primary cells when an effect under it is primary', () => {
    const results = handResults();
    delete results.person_outcomes;
    results.effects = results.effects.filter((e) => e.month !== null);
    results.interactions = results.interactions!.slice(0, 1);
    // Primary: FS women's share, the women's effect, the interaction; complementary: FS men's share and the men's effect.
    expect(applyDisclosureControl(results, { enabled: true }).disclosure).toEqual({ applied: true, min_cell_size: 5, primary_suppressed: 3, complementary_suppressed: 2 });
  });

  it('nulls the Holm p and the band of a suppressed effect, and keeps the month', () => {
    const out = applyDisclosureControl(handResults(), { enabled: true });
    expect(effectRow(out, 'work', 'gender=K')).toMatchObject({ month: 1, band_low: null, band_high: null, estimate: null });
    expect(effectRow(out, 'work', 'all')).toMatchObject({ suppressed: false, p_holm: 0.5, band_low: -0.2, band_high: 0.14 });
  });
});

describe('disclosure control of person-level outcomes', () => {
  it('hides a mean of 1–4 persons and, with two levels, the other level (all − one level gives it)', () => {
    const out = applyDisclosureControl(handResults(), { enabled: true });
    expect(personRow(out, 'gender=K', 'FS')).toEqual({ outcome: 'earnings', subgroup: 'gender=K', arm: 'FS', n: null, mean: null, ci_low: null, ci_high: null, suppressed: true });
    expect(personRow(out, 'gender=M', 'FS')).toMatchObject({ n: null, mean: null, suppressed: true });
    expect(personRow(out, 'all', 'FS')).toMatchObject({ n: 100, mean: 1000, suppressed: false });
    expect(personRow(out, 'gender=K', 'SE')).toMatchObject({ n: 50, mean: 1150, suppressed: false });
  });

  it('hides the effects built on a hidden mean, and the interaction built on those', () => {
    const out = applyDisclosureControl(handResults(), { enabled: true });
    expect(effectRow(out, 'earnings', 'gender=K')).toMatchObject({ month: null, estimate: null, se: null, p: null, suppressed: true });
    expect(effectRow(out, 'earnings', 'gender=M')).toMatchObject({ month: null, estimate: null, suppressed: true });
    expect(effectRow(out, 'earnings', 'all')).toMatchObject({ month: null, estimate: 200, suppressed: false });
    expect(out.interactions![1]).toMatchObject({ outcome: 'earnings', month: null, levels: ['M', 'K'], estimate: null, suppressed: true });
  });

  it('does not hide the other level when 5 or more persons with a value lack the level', () => {
    const results = handResults();
    // 105 FS persons with earnings, 5 of them without a gender: all − men no longer gives the women.
    results.person_outcomes![0] = mean('all', 'FS', 105, 1000);
    const out = applyDisclosureControl(results, { enabled: true });
    expect(personRow(out, 'gender=K', 'FS').suppressed).toBe(true);
    expect(personRow(out, 'gender=M', 'FS')).toMatchObject({ n: 97, suppressed: false });
  });

  it('shows a mean over nobody (n 0 identifies no one)', () => {
    const results = handResults();
    results.person_outcomes![4] = { ...mean('gender=K', 'SE', 0, 0), mean: null, ci_low: null, ci_high: null };
    results.person_outcomes![5] = mean('gender=M', 'SE', 100, 1200);
    expect(personRow(applyDisclosureControl(results, { enabled: true }), 'gender=K', 'SE')).toMatchObject({ n: 0, suppressed: false });
  });

  it('hides the means of an arm whose count of persons is hidden', () => {
    const results = handResults();
    // A third arm of 3 persons: results.n hides it and, as the complement, FS (the arms add up to the 203 randomized).
    results.arms = ['FS', 'SE', 'CM'];
    results.config.arms = ['FS', 'SE', 'CM'];
    results.n = { FS: 100, SE: 100, CM: 3 };
    results.inputs.participants.rows = 203;
    results.shares.push(share('all', 'CM', 3, 0));
    results.person_outcomes!.push(mean('all', 'CM', 3, 700));
    const out = applyDisclosureControl(results, { enabled: true });
    expect(out.n).toEqual({ FS: null, SE: 100, CM: null });
    expect(personRow(out, 'all', 'CM')).toMatchObject({ n: null, suppressed: true });
    expect(personRow(out, 'all', 'FS')).toMatchObject({ n: null, mean: null, suppressed: true });
    expect(personRow(out, 'all', 'SE')).toMatchObject({ n: 100, suppressed: false });
  });

  it('with control off nulls nothing, clears the markers and counts the same cells', () => {
    const results = handResults();
    const on = applyDisclosureControl(results, { enabled: true });
    const off = applyDisclosureControl(results, { enabled: false });
    expect(off.person_outcomes).toEqual(results.person_outcomes);
    expect(off.interactions).toEqual(results.interactions);
    expect(off.effects.every((e) => !e.suppressed)).toBe(true);
    expect(off.disclosure).toEqual({ ...on.disclosure, applied: false });
    // Hidden: FS women's and men's shares, the work effects by gender, 2 means, the 2 earnings effects by gender, 2 interactions.
    expect(on.disclosure!.primary_suppressed + on.disclosure!.complementary_suppressed).toBe(10);
  });
});

describe('assertDisclosureControlled on the new sections', () => {
  it('accepts the results after control, with control on or off', () => {
    expect(() => assertDisclosureControlled(applyDisclosureControl(handResults(), { enabled: true }))).not.toThrow();
    expect(() => assertDisclosureControlled(applyDisclosureControl(handResults(), { enabled: false }))).not.toThrow();
  });

  it('refuses a suppressed mean or interaction that still holds values', () => {
    const controlled = applyDisclosureControl(handResults(), { enabled: true });
    const mean = structuredClone(controlled);
    mean.person_outcomes![1].mean = 900;
    expect(() => assertDisclosureControlled(mean)).toThrow(/person_outcomes\[1\] is marked suppressed/);
    const inter = structuredClone(controlled);
    inter.interactions![0].estimate = 0.1;
    expect(() => assertDisclosureControlled(inter)).toThrow(/interactions\[0\] is marked suppressed/);
  });

  it('refuses sections added after control: a small mean, an effect or interaction on a hidden row', () => {
    const controlled = applyDisclosureControl(handResults(), { enabled: true });
    const means = structuredClone(controlled);
    means.person_outcomes = handResults().person_outcomes;
    expect(() => assertDisclosureControlled(means)).toThrow(/person_outcomes\[1\] shows a mean of 3 persons/);
    const late = structuredClone(controlled);
    late.interactions = handResults().interactions;
    expect(() => assertDisclosureControlled(late)).toThrow(/interactions\[0\] is shown but an effect it is built from is suppressed/);
    const effect = structuredClone(controlled);
    Object.assign(effect.effects[4], handResults().effects[4]);
    expect(() => assertDisclosureControlled(effect)).toThrow(/effects\[4\] is shown but a mean it is built from is suppressed/);
  });

  it('lets a report without control show small means (it is marked not for publication instead)', () => {
    const off = applyDisclosureControl(handResults(), { enabled: false });
    expect(personRow(off, 'gender=K', 'FS')).toMatchObject({ n: 3, mean: 900, suppressed: false });
    expect(() => assertDisclosureControlled(off)).not.toThrow();
  });
});
