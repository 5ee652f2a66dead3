import { describe, expect, it } from 'vitest';
import { effectCell, type EffectDesign } from '../../../src/estimate/engine/effectDesign.js';
import { effectJackknifeValues, type EffectPointEstimates } from '../../../src/estimate/engine/effectPointEstimates.js';
import { random } from './randomDesign.js';

const MONTHS = 7;
const OUTCOMES = 2;

/**
 * 90 persons, 3 arms, 4 blocks, covariates numeric, a 0/1 dummy and a dummy
 * only person 7 has (leverage one: refitted). Levels all, sex=a, sex=b.
 * Months 0–1 hold everyone; in month 2 some persons of sex=a are missing;
 * in month 3 they are back and as many other persons of sex=a are missing
 * (same count, other persons); month 4 is month 3 again; months 5–6 hold
 * everyone. So sex=b has the same persons throughout, and the other levels
 * change at months 2, 3 and 5 and stay the same at 1, 4 and 6.
 */
function reuseDesign(seed: number): EffectDesign {
  const next = random(seed);
  const persons = 90;
  const A = 3;
  const B = 4;
  const c = 3;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const covariates = new Float64Array(persons * c);
  const memberships = new Int32Array(persons * 2);
  const values = new Float64Array(persons * OUTCOMES * MONTHS);
  const sexA: number[] = [];
  for (let p = 0; p < persons; p++) {
    block[p] = Math.floor(next() * B);
    arm[p] = p % A;
    const sex = next() < 0.5 ? 0 : 1;
    memberships[p * 2] = 0;
    memberships[p * 2 + 1] = 1 + sex;
    if (sex === 0 && p !== 7) sexA.push(p);
    covariates[p * c] = Math.round(100 * (30 + 20 * next())) / 100;
    covariates[p * c + 1] = next() < 0.3 ? 1 : 0;
    covariates[p * c + 2] = p === 7 ? 1 : 0;
    for (let t = 0; t < MONTHS; t++) {
      values[(p * OUTCOMES + 0) * MONTHS + t] = next() < 0.2 + 0.1 * arm[p] + 0.05 * t ? 1 : 0;
      values[(p * OUTCOMES + 1) * MONTHS + t] = covariates[p * c] / 10 + 0.5 * arm[p] + t + next();
    }
  }
  const missing = (ps: number[], t: number) => {
    for (const p of ps) for (let o = 0; o < OUTCOMES; o++) values[(p * OUTCOMES + o) * MONTHS + t] = NaN;
  };
  missing(sexA.slice(0, 4), 2);
  missing(sexA.slice(4, 8), 3);
  missing(sexA.slice(4, 8), 4);
  return {
    persons,
    arms: A,
    reference: 0,
    arm,
    block,
    blocks: B,
    covariates,
    covariateCount: c,
    groups: { labels: ['all', 'sex=a', 'sex=b'], slots: 2, memberships },
    outcomes: OUTCOMES,
    months: MONTHS,
    values,
  };
}

/** Month t of the design alone: its row sets are computed from scratch, nothing to reuse. */
function monthOf(d: EffectDesign, t: number): EffectDesign {
  const values = new Float64Array(d.persons * d.outcomes);
  for (let p = 0; p < d.persons; p++) for (let o = 0; o < d.outcomes; o++) values[p * d.outcomes + o] = d.values[(p * d.outcomes + o) * d.months + t];
  return { ...d, months: 1, values };
}

const FIELDS: (keyof EffectPointEstimates)[] = ['estimate', 'se', 'acceleration', 'influenceSquares', 'influenceCubes'];

describe.each([1, 20170331])('ols: a month with the same persons as the last reuses its covariate side (seed %i)', (seed) => {
  const design = reuseDesign(seed);
  const S = design.groups.labels.length;
  const rowsOf = (s: number, t: number) =>
    Array.from({ length: design.persons }, (_, p) => p)
      .filter((p) => design.groups.memberships[p * 2] === s || design.groups.memberships[p * 2 + 1] === s)
      .filter((p) => !Number.isNaN(design.values[p * OUTCOMES * MONTHS + t]))
      .join(',');

  it('has the documented months: the same persons, other persons in the same number, and fewer persons', () => {
    const same = (s: number, t: number) => rowsOf(s, t) === rowsOf(s, t - 1);
    expect(Array.from({ length: MONTHS - 1 }, (_, t) => same(1, t + 1))).toEqual([true, false, false, true, false, true]);
    expect(rowsOf(1, 3).split(',').length).toBe(rowsOf(1, 2).split(',').length);
    expect(Array.from({ length: MONTHS - 1 }, (_, t) => same(2, t + 1)).every(Boolean)).toBe(true);
    // Person 7 has leverage one and is not alone in their block: a refit.
    expect(Array.from({ length: design.persons }, (_, p) => p).filter((p) => p !== 7 && design.block[p] === design.block[7] && design.arm[p] === design.arm[7]).length).toBeGreaterThan(0);
  });

  it('every month bit-identical to the month computed alone: estimates, SEs, power sums and every jackknife value', () => {
    const L = new Map<string, number>();
    const result = effectJackknifeValues(design, 'ols', (o, s, a, t, person, l) => L.set(`${o}:${s}:${a}:${t}:${person}`, l));
    let finite = 0;
    for (let t = 0; t < MONTHS; t++) {
      const alone = monthOf(design, t);
      const aloneL = new Map<string, number>();
      const expected = effectJackknifeValues(alone, 'ols', (o, s, a, _t, person, l) => aloneL.set(`${o}:${s}:${a}:${t}:${person}`, l));
      for (let o = 0; o < OUTCOMES; o++) {
        for (let s = 0; s < S; s++) {
          for (let a = 0; a < design.arms; a++) {
            for (const field of FIELDS) {
              const mine = result[field][effectCell(design, o, s, a, t)];
              const theirs = expected[field][effectCell(alone, o, s, a, 0)];
              expect(Object.is(mine, theirs), `${field} o${o} s${s} a${a} t${t}: ${mine} vs ${theirs}`).toBe(true);
              if (field === 'se' && Number.isFinite(mine)) finite++;
            }
          }
        }
      }
      for (const [key, l] of aloneL) expect(Object.is(L.get(key), l), `L ${key}: ${L.get(key)} vs ${l}`).toBe(true);
      for (const key of L.keys()) if (key.split(':')[3] === String(t)) expect(aloneL.has(key), `L ${key} only with reuse`).toBe(true);
    }
    // Both outcomes × three levels × two arms × every month estimable.
    expect(finite).toBe(OUTCOMES * S * (design.arms - 1) * MONTHS);
  });
});
