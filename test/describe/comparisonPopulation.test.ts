/**
 * The comparison-population generator: Table A-1's comparison means in
 * expectation, the study group's structure, determinism, and the committed
 * fixture files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparisonPopulationCsv,
  COMPARISON_HEADER,
  FIXTURE_POPULATIONS,
  OTHER_MUNICIPALITIES,
  placesByPopulation,
  simulateComparisonPopulation,
} from '../../src/simulate/comparisonPopulation.js';
import { MUNICIPALITIES } from '../../src/simulate/municipalities.js';
import { ROOT } from '../sharedPaths.js';

const share = (flags: boolean[]) => flags.filter(Boolean).length / flags.length;

describe('simulateComparisonPopulation', () => {
  const N = 40_000;
  const persons = simulateComparisonPopulation({ n: N, seed: 1, lssDecision: 0.47, dailyActivity: 0.39 }).persons;
  // Binomial standard error at N = 40,000 is at most 0.0025: 4 SE = 0.01.
  const within = 0.01;

  it('hits the LSS decision and daily activity shares it is given', () => {
    expect(Math.abs(share(persons.map((p) => p.lssDecision)) - 0.47)).toBeLessThan(within);
    expect(Math.abs(share(persons.map((p) => p.dailyActivity)) - 0.39)).toBeLessThan(within);
  });

  it('keeps the study group of Table A-1 elsewhere: women 0.48, age 24.8, foreign-born 0.09, F70–79 0.18', () => {
    expect(Math.abs(share(persons.map((p) => p.female)) - 0.48)).toBeLessThan(within);
    expect(Math.abs(persons.reduce((s, p) => s + p.age, 0) / N - 24.8)).toBeLessThan(0.05);
    expect(Math.abs(share(persons.map((p) => p.foreignBorn)) - 0.09)).toBeLessThan(within);
    expect(Math.abs(share(persons.map((p) => p.diagnosis === 2)) - 0.18)).toBeLessThan(within);
  });

  it('gives daily activity only with an LSS decision, and decisions most often with intellectual disability', () => {
    expect(persons.every((p) => !p.dailyActivity || p.lssDecision)).toBe(true);
    const decisionIn = (g: number) => share(persons.filter((p) => p.diagnosis === g).map((p) => p.lssDecision));
    for (const g of [0, 1, 3, 4, 5]) expect(decisionIn(2)).toBeGreaterThan(decisionIn(g));
  });

  it('draws municipalities in proportion to their weights', () => {
    const places = placesByPopulation(OTHER_MUNICIPALITIES, 1);
    const population = simulateComparisonPopulation({ n: 20_000, seed: 2, municipalities: places });
    const total = OTHER_MUNICIPALITIES.reduce((s, m) => s + m.populationThousands, 0);
    const nacka = population.persons.filter((p) => places[p.place].name === 'Nacka').length / 20_000;
    expect(Math.abs(nacka - 97 / total)).toBeLessThan(0.01);
  });

  it('writes participant columns without arm and randomization day, and is a function of its options', () => {
    const small = { n: 50, seed: 9, idPrefix: 'X' };
    const csv = comparisonPopulationCsv(simulateComparisonPopulation(small));
    expect(csv).toBe(comparisonPopulationCsv(simulateComparisonPopulation(small)));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(COMPARISON_HEADER.join(','));
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(/^X0000001,[KM],[01],\d{4},[^,]+,(19|2\d),[01],[01],[01],[01],[01],(F\d\d-\d\d|other)$/);
    const study = readFileSync(join(ROOT, 'fixtures', 'ae-trial', 'participants.csv'), 'utf8').split('\n')[0].split(',');
    expect(study.filter((c) => c !== 'arm' && c !== 'randomized_on').sort()).toEqual([...COMPARISON_HEADER].sort());
  });

  it('leaves no trial municipality in the population of non-participating ones', () => {
    const trial = new Set(MUNICIPALITIES.map((m) => m.code));
    expect(OTHER_MUNICIPALITIES.filter((m) => trial.has(m.code))).toEqual([]);
    expect(new Set(OTHER_MUNICIPALITIES.map((m) => m.code)).size).toBe(OTHER_MUNICIPALITIES.length);
  });

  it('matches the committed fixtures/populations files (regenerate: npm run build && node scripts/make-populations.js)', () => {
    for (const { file, options } of FIXTURE_POPULATIONS) {
      const committed = readFileSync(join(ROOT, 'fixtures', 'populations', file), 'utf8');
      expect(committed === comparisonPopulationCsv(simulateComparisonPopulation(options)), file).toBe(true);
    }
  });
});
