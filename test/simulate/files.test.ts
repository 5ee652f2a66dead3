/**
 * simulateExtract is deterministic, and writeExtract's files follow the data
 * contract and config.md.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { UsageError } from '../../src/errors.js';
import { SPELL_TYPES } from '../../src/panel/spellTypes.js';
import { simulateExtract, writeExtract, type SimulatedExtract } from '../../src/simulate/index.js';
import { addMonths } from '../../src/time/days.js';
import { day, readCsv, type Table } from './readBack.js';

const CONFIG_KEYS = new Set([
  'arms', 'reference', 'allocation', 'followUpMonths', 'preMonths', 'rule', 'extractDate', 'outcomes',
  'primaryOutcome', 'primaryMonth', 'subgroups', 'block', 'covariates', 'personOutcomes',
  'valuePerWorkMonth', 'estimator', 'bootstrap', 'inference', 'minCellSize', 'lang', 'columns',
]);

function flatten(extract: SimulatedExtract): unknown {
  const { participants: p, spells: s } = extract;
  return {
    participants: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v])),
    spells: [Array.from(s.person), Array.from(s.start), Array.from(s.end), Array.from(s.code)],
    costs: Array.from(extract.costs),
    config: extract.config,
  };
}

describe('simulateExtract', () => {
  it('gives identical output for the same (n, seed) and different output for another seed', () => {
    const a = simulateExtract({ n: 2000, seed: 7 });
    const b = simulateExtract({ n: 2000, seed: 7 });
    const c = simulateExtract({ n: 2000, seed: 8 });
    expect(flatten(a)).toEqual(flatten(b));
    expect(Array.from(c.spells.start)).not.toEqual(Array.from(a.spells.start));
  });

  it('refuses invalid options with a UsageError', () => {
    expect(() => simulateExtract({ n: 0, seed: 1 })).toThrow(UsageError);
    expect(() => simulateExtract({ n: 1.5, seed: 1 })).toThrow(UsageError);
    expect(() => simulateExtract({ n: 10, seed: 1, recruitmentEnd: '2016-02-30' })).toThrow(UsageError);
    expect(() => simulateExtract({ n: 10, seed: 1, extractDate: '2016-12-31' })).toThrow(UsageError);
  });

  it('honours a longer follow-up in the config and the extract date', () => {
    const extract = simulateExtract({ n: 50, seed: 3, followUpMonths: 24 });
    expect(extract.config.followUpMonths).toBe(24);
    expect(extract.config.extractDate).toBe('2018-01-31');
  });
});

describe('writeExtract', () => {
  const N = 1063;
  let dir: string;
  let extract: SimulatedExtract;
  let participants: Table;
  let spells: Table;
  let codes: Table;
  let costs: Table;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'effekt-simulate-files-'));
    extract = simulateExtract({ n: N, seed: 1063 });
    await writeExtract(join(dir, 'out'), extract);
    [participants, spells, codes, costs] = await Promise.all(
      ['participants.csv', 'spells.csv', 'codes.csv', 'costs.csv'].map((name) => readCsv(join(dir, 'out'), name)),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes exactly the five files, no temporary files left', async () => {
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(
      ['codes.csv', 'costs.csv', 'eval.config.json', 'participants.csv', 'spells.csv'],
    );
  });

  it('writes the contract headers', () => {
    expect(participants.fields).toEqual([
      'person_id', 'arm', 'randomized_on', 'gender', 'lss_daily_activity', 'block', 'municipality', 'age',
      'lss_decision', 'children', 'foreign_born', 'upper_secondary', 'special_housing', 'diagnosis_group',
    ]);
    expect(spells.fields).toEqual(['person_id', 'start', 'end', 'type']);
    expect(codes.fields).toEqual(['code', 'type']);
    expect(costs.fields).toEqual(['person_id', 'cost']);
  });

  it('writes valid participants: pseudonymous unique ids, nearly equal arms, dates within recruitment', () => {
    expect(participants.rows).toHaveLength(N);
    const ids = participants.rows.map((row) => row.person_id);
    expect(new Set(ids).size).toBe(N);
    for (const id of ids) expect(id).toMatch(/^P\d{7}$/);
    const byArm = { FS: 0, SE: 0, CM: 0 } as Record<string, number>;
    for (const row of participants.rows) byArm[row.arm]++;
    for (const arm of ['FS', 'SE', 'CM']) expect(Math.abs(byArm[arm] - N / 3)).toBeLessThan(10);
    for (const row of participants.rows) {
      const r = day(row.randomized_on);
      expect(r).toBeGreaterThanOrEqual(day('2014-11-01'));
      expect(r).toBeLessThanOrEqual(day('2016-01-31'));
      expect(['K', 'M']).toContain(row.gender);
      expect(row.block).toMatch(/^\d{4}$/);
      for (const column of ['lss_daily_activity', 'lss_decision', 'children', 'foreign_born', 'upper_secondary', 'special_housing']) {
        expect(['0', '1']).toContain(row[column]);
      }
    }
    expect(participants.rows.some((row) => row.municipality === 'Göteborg' && row.block === '1480')).toBe(true);
  });

  it('writes spells with valid dates, end ≥ start, known codes, nothing after the extract date, grouped by person', () => {
    const extractDate = day(extract.config.extractDate!);
    const known = new Set(codes.rows.map((row) => row.code));
    const participantsIds = new Set(participants.rows.map((row) => row.person_id));
    let previousId = '';
    let openEnded = 0;
    for (const spell of spells.rows) {
      expect(participantsIds.has(spell.person_id)).toBe(true);
      expect(spell.person_id >= previousId).toBe(true);
      previousId = spell.person_id;
      expect(known.has(spell.type), spell.type).toBe(true);
      const start = day(spell.start);
      expect(start).toBeLessThanOrEqual(extractDate);
      if (spell.end === '') {
        openEnded++;
      } else {
        const end = day(spell.end);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(end).toBeLessThanOrEqual(extractDate);
      }
    }
    expect(openEnded).toBeGreaterThan(N / 2);
    expect(spells.rows.length / N).toBeGreaterThan(4);
  });

  it('has spells before randomization, mid-month boundaries and overlaps', () => {
    const randomizedOn = new Map(participants.rows.map((row) => [row.person_id, day(row.randomized_on)]));
    const before = new Set(spells.rows.filter((s) => day(s.start) < randomizedOn.get(s.person_id)!).map((s) => s.person_id));
    expect(before.size / N).toBeGreaterThan(0.5);
    const midMonth = spells.rows.filter((s) => !s.start.endsWith('-01')).length;
    expect(midMonth / spells.rows.length).toBeGreaterThan(0.8);
    let overlaps = 0;
    for (let j = 1; j < spells.rows.length; j++) {
      const a = spells.rows[j - 1];
      const b = spells.rows[j];
      if (a.person_id === b.person_id && (a.end === '' || day(a.end) >= day(b.start))) overlaps++;
    }
    expect(overlaps).toBeGreaterThan(0);
  });

  it('maps codes to all eight canonical types, several codes to one type, with Swedish letters', () => {
    const types = codes.rows.map((row) => row.type);
    expect(new Set(types)).toEqual(new Set(SPELL_TYPES));
    expect(types.filter((t) => t === 'work_subsidized').length).toBeGreaterThan(1);
    expect(codes.rows.some((row) => /[ÅÄÖåäö]/.test(row.code))).toBe(true);
    expect(new Set(codes.rows.map((row) => row.code)).size).toBe(codes.rows.length);
  });

  it('writes right-skewed person-level costs ordered FS < CM < SE', () => {
    expect(costs.rows.map((row) => row.person_id)).toEqual(participants.rows.map((row) => row.person_id));
    const arm = new Map(participants.rows.map((row) => [row.person_id, row.arm]));
    const sum: Record<string, number[]> = { FS: [], SE: [], CM: [] };
    for (const row of costs.rows) {
      expect(row.cost).toMatch(/^\d+$/);
      sum[arm.get(row.person_id)!].push(Number(row.cost));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(mean(sum.FS)).toBeLessThan(mean(sum.CM));
    expect(mean(sum.CM)).toBeLessThan(mean(sum.SE));
    expect(Math.abs(mean(sum.SE) / 65_000 - 1)).toBeLessThan(0.1);
    expect(median(sum.SE)).toBeLessThan(mean(sum.SE));
  });

  it('writes a valid, pretty-printed config whose extract date follows every follow-up window', async () => {
    const text = await readFile(join(dir, 'out', 'eval.config.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "arms": [');
    const config = JSON.parse(text) as Record<string, unknown>;
    for (const key of Object.keys(config)) expect(CONFIG_KEYS.has(key), key).toBe(true);
    const resolved = resolveConfig(config, { participantColumns: participants.fields });
    expect(resolved.arms).toEqual(['FS', 'SE', 'CM']);
    expect(resolved.reference).toBe('FS');
    expect(resolved.followUpMonths).toBe(15);
    for (const column of resolved.covariates) expect(participants.fields).toContain(column);
    const extractDate = day(resolved.extractDate!);
    for (const row of participants.rows) {
      expect(addMonths(day(row.randomized_on), 15) - 1).toBeLessThanOrEqual(extractDate);
    }
  });
});
