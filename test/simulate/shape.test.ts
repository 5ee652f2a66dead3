/**
 * The simulated extract reproduces the published shape of the 2017 trial
 * (ae-trial-2017.md). Shares are computed from the written files only.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateExtract, writeExtract } from '../../src/simulate/index.js';
import { day, monthlyStatus, readCsv, type PersonMonths, type Table } from './readBack.js';

const N = 100_000;
const SEED = 20170331;
const MONTHS = 15;

let dir: string;
let participants: Table;
let status: Map<string, PersonMonths>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'effekt-simulate-shape-'));
  await writeExtract(dir, simulateExtract({ n: N, seed: SEED }));
  participants = await readCsv(dir, 'participants.csv');
  const spells = await readCsv(dir, 'spells.csv');
  const codes = await readCsv(dir, 'codes.csv');
  const config = JSON.parse(await readFile(join(dir, 'eval.config.json'), 'utf8')) as { extractDate: string };
  status = monthlyStatus(participants, spells, codes, day(config.extractDate), MONTHS);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Share (0–1) in `outcome` at month m among participants passing `filter`, by arm. */
function shares(
  m: number,
  filter: (row: Record<string, string>) => boolean = () => true,
  outcome: (s: PersonMonths) => boolean = (s) => s.inWork[m] === 1,
): Record<string, number> {
  const count: Record<string, number> = {};
  const hits: Record<string, number> = {};
  for (const row of participants.rows) {
    if (!filter(row)) continue;
    count[row.arm] = (count[row.arm] ?? 0) + 1;
    if (outcome(status.get(row.person_id)!)) hits[row.arm] = (hits[row.arm] ?? 0) + 1;
  }
  return Object.fromEntries(Object.keys(count).map((arm) => [arm, (hits[arm] ?? 0) / count[arm]]));
}

const men = (row: Record<string, string>) => row.gender === 'M';
const women = (row: Record<string, string>) => row.gender === 'K';

describe('simulated work shares (rule end, outcome work)', () => {
  it('hits the published month-15 shares FS 18 %, SE 26 %, CM 20 % within 1.5 points', () => {
    const at15 = shares(15);
    expect(Math.abs(at15.FS - 0.18)).toBeLessThan(0.015);
    expect(Math.abs(at15.SE - 0.26)).toBeLessThan(0.015);
    expect(Math.abs(at15.CM - 0.2)).toBeLessThan(0.015);
  });

  it('keeps the arms together through month 6, then SE pulls ahead with a widening gap', () => {
    for (let m = 1; m <= 6; m++) {
      const s = shares(m);
      expect(Math.abs(s.SE - s.FS)).toBeLessThan(0.02);
      expect(Math.abs(s.CM - s.FS)).toBeLessThan(0.02);
    }
    const gap = (m: number) => shares(m).SE - shares(m).FS;
    expect(gap(15)).toBeGreaterThan(0.05);
    expect(gap(12)).toBeGreaterThan(gap(9));
    expect(gap(15)).toBeGreaterThan(gap(12));
  });

  it('puts the SE effect mainly among men', () => {
    const m = shares(15, men);
    const w = shares(15, women);
    expect(m.SE - m.FS - (w.SE - w.FS)).toBeGreaterThan(0.05);
    expect(Math.abs(w.SE - w.FS)).toBeLessThan(0.05);
  });

  it('makes most of the SE advantage subsidized work', () => {
    const work = shares(15);
    const subsidized = shares(15, undefined, (s) => s.typesAtLastMonth.has('work_subsidized'));
    expect(subsidized.SE - subsidized.FS).toBeGreaterThan(0.6 * (work.SE - work.FS));
  });

  it('gives the same relative SE effect with and without LSS daily activity, at a lower level with it', () => {
    const withActivity = shares(15, (row) => row.lss_daily_activity === '1');
    const without = shares(15, (row) => row.lss_daily_activity === '0');
    expect(withActivity.FS).toBeLessThan(without.FS);
    expect(Math.abs(withActivity.SE / withActivity.FS - without.SE / without.FS)).toBeLessThan(0.25);
  });

  it('leaves over 80 % in work or an activity at month 15', () => {
    const active = new Set(['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education', 'program', 'daily_activity', 'unemployed']);
    const inSomething = shares(15, undefined, (s) => [...s.typesAtLastMonth].some((t) => active.has(t)));
    for (const arm of ['FS', 'SE', 'CM']) expect(inSomething[arm]).toBeGreaterThan(0.8);
  });

  it('makes covariates predictive of work (for adjusted estimators)', () => {
    const withUpperSecondary = shares(15, (row) => row.upper_secondary === '1');
    const without = shares(15, (row) => row.upper_secondary === '0');
    expect(withUpperSecondary.FS).toBeGreaterThan(without.FS + 0.02);
  });
});

describe('simulated population', () => {
  const mean = (column: string, filter: (row: Record<string, string>) => boolean = () => true) => {
    let sum = 0;
    let n = 0;
    for (const row of participants.rows) {
      if (!filter(row)) continue;
      sum += Number(row[column]);
      n++;
    }
    return sum / n;
  };

  it('matches the study-group means of Table A-1', () => {
    expect(Math.abs(mean('age') - 24.8)).toBeLessThan(0.05);
    const share = (predicate: (row: Record<string, string>) => boolean) =>
      participants.rows.filter(predicate).length / participants.rows.length;
    expect(Math.abs(share(women) - 0.48)).toBeLessThan(0.01);
    const binary: [string, number][] = [
      ['children', 0.14], ['foreign_born', 0.09], ['upper_secondary', 0.43], ['lss_decision', 0.3],
      ['lss_daily_activity', 0.21], ['special_housing', 0.09],
    ];
    for (const [column, target] of binary) expect(Math.abs(mean(column) - target), column).toBeLessThan(0.01);
    const diagnoses: [string, number][] = [
      ['F90-98', 0.18], ['F80-89', 0.2], ['F70-79', 0.18], ['F40-48', 0.11], ['F30-39', 0.09], ['other', 0.24],
    ];
    for (const [group, target] of diagnoses) {
      expect(Math.abs(share((row) => row.diagnosis_group === group) - target), group).toBeLessThan(0.01);
    }
    const ages = participants.rows.map((row) => Number(row.age));
    expect(Math.min(...ages)).toBe(19);
    expect(Math.max(...ages)).toBe(29);
  });

  it('gives daily activity only with an LSS decision, and commonest with intellectual disability', () => {
    expect(participants.rows.some((row) => row.lss_daily_activity === '1' && row.lss_decision === '0')).toBe(false);
    const intellectual = mean('lss_decision', (row) => row.diagnosis_group === 'F70-79');
    const others = mean('lss_decision', (row) => row.diagnosis_group !== 'F70-79');
    expect(intellectual).toBeGreaterThan(others + 0.3);
  });

  it('balances the arms within one person in every block', () => {
    const counts = new Map<string, Record<string, number>>();
    for (const row of participants.rows) {
      const block = counts.get(row.block) ?? { FS: 0, SE: 0, CM: 0 };
      block[row.arm]++;
      counts.set(row.block, block);
    }
    expect(counts.size).toBe(25);
    for (const block of counts.values()) {
      const n = Object.values(block);
      expect(Math.max(...n) - Math.min(...n)).toBeLessThanOrEqual(1);
    }
  });
});
