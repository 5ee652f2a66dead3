import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromHeader } from '../../src/config/resolve.js';
import { dataError } from '../dataError.js';
import { SPELL_TYPES } from '../../src/panel/spellTypes.js';
import { readCodes } from '../../src/read/codes.js';
import { readParticipants } from '../../src/read/participants.js';
import { OPEN_END, readSpells } from '../../src/read/spells.js';
import { parseDay } from '../../src/time/days.js';
import { tempDir } from '../tempFiles.js';

const PARTICIPANTS = 'person_id,arm,randomized_on,gender,lss_daily_activity,block\nA1,FS,2015-01-31,K,0,0180\nA2,SE,2015-02-01,M,1,0180\nA3,CM,2015-03-15,,0,1480\n';
const config = planFromHeader({});

describe('readParticipants', () => {
  it('reads arms, dates, blocks and subgroups; an empty gender is a missing level', async () => {
    const dir = tempDir({ 'participants.csv': PARTICIPANTS });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), config);
    expect(participants.count).toBe(3);
    expect(Array.from(participants.arm)).toEqual([0, 1, 2]);
    expect(participants.randomizedOn[0]).toBe(parseDay('2015-01-31'));
    expect(participants.block.levels).toEqual(['0180', '1480']);
    expect(participants.subgroups.get('gender')).toEqual({ levels: ['K', 'M'], codes: Int32Array.from([0, 1, -1]) });
    expect(participants.source.rows).toBe(3);
    expect(participants.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('renames columns through the config (LopNr, RandDatum), case-insensitively, with a BOM', async () => {
    const dir = tempDir({ 'p.csv': '\uFEFFlopnr;ARM;RandDatum;Kon\n123;FS;20150131;K\n124;SE;20150201;M\n' });
    const renamed = planFromHeader({ columns: { person_id: 'LopNr', randomized_on: 'RandDatum', gender: 'Kon' } });
    const { participants } = await readParticipants(join(dir, 'p.csv'), renamed);
    expect(participants.ids).toEqual(['123', '124']);
    expect(participants.randomizedOn[1]).toBe(parseDay('2015-02-01'));
    expect(participants.subgroups.get('gender')!.levels).toEqual(['K', 'M']);
  });

  it('names file, line, column, value and expectation for every bad row, all in one pass', async () => {
    const bad = 'person_id,arm,randomized_on,gender,lss_daily_activity\nA1,FS,2015-01-31,K,0\nA1,SE,2015-02-30,X,2\nA3,ZZ,2015-03-01,M,1\n';
    const dir = tempDir({ 'participants.csv': bad });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), config));
    expect(error.issues).toEqual([
      { file: 'participants.csv', line: 3, column: 'person_id', expected: 'a unique person id (the same id as on line 2; the id is withheld)' },
      { file: 'participants.csv', line: 3, column: 'randomized_on', value: '2015-02-30', expected: 'a date YYYY-MM-DD that exists' },
      { file: 'participants.csv', line: 3, column: 'gender', value: 'X', expected: 'K or M (woman, man) or empty' },
      { file: 'participants.csv', line: 3, column: 'lss_daily_activity', value: '2', expected: '0 or 1 or empty' },
      { file: 'participants.csv', line: 4, column: 'arm', value: 'ZZ', expected: 'one of the configured arms FS, SE, CM' },
    ]);
    expect(error.message).toContain('participants.csv, line 3, column randomized_on: value "2015-02-30": expected a date YYYY-MM-DD that exists');
  });

  it('lists 20 errors and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `P${i},XX,2015-01-01`).join('\n');
    const dir = tempDir({ 'participants.csv': `person_id,arm,randomized_on\n${rows}\n` });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), config));
    expect(error.issues).toHaveLength(20);
    expect(error.message).toContain('and 5 more data errors');
  });

  it('refuses a file without a required column, naming it', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,randomized_on\nA1,2015-01-01\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), config));
    expect(error.issues[0]).toMatchObject({ file: 'participants.csv', line: 1, column: 'arm', expected: 'required column arm' });
  });

  it('counts lines through quoted fields that hold line breaks', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,arm,randomized_on,note\nA1,FS,2015-01-01,"two\nlines"\nA2,XX,2015-01-01,x\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), planFromHeader({ covariates: ['note'] })));
    expect(error.issues[0]).toMatchObject({ line: 4, column: 'arm', value: 'XX' });
  });
});

describe('readSpells', () => {
  const SPELLS = 'person_id,start,end,type\nA1,2015-02-01,2015-03-31,work_subsidized\nA2,2015-02-01,,education\nZ9,2015-01-01,2015-02-01,work_unsubsidized\n';

  it('keeps typed columns, open ends and counts spells of non-participants without failing', async () => {
    const dir = tempDir({ 'participants.csv': PARTICIPANTS, 'spells.csv': SPELLS });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), config);
    const spells = await readSpells(join(dir, 'spells.csv'), participants, undefined);
    expect(spells.count).toBe(2);
    expect(spells.unmatched).toBe(1);
    expect(Array.from(spells.person)).toEqual([0, 1]);
    expect(spells.end[1]).toBe(OPEN_END);
    expect(SPELL_TYPES[spells.type[0]]).toBe('work_subsidized');
    expect(spells.source.rows).toBe(3);
  });

  it('reports an end before the start, an invalid date and an unknown type', async () => {
    const bad = 'person_id,start,end,type\nA1,2015-03-01,2015-02-28,work_subsidized\nA1,2015-02-29,,education\nA2,2015-01-01,2015-01-02,job\n';
    const dir = tempDir({ 'participants.csv': PARTICIPANTS, 'spells.csv': bad });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), config);
    const error = await dataError(readSpells(join(dir, 'spells.csv'), participants, undefined));
    expect(error.issues.map((i) => [i.line, i.column, i.value])).toEqual([
      [2, 'end', '2015-02-28'],
      [3, 'start', '2015-02-29'],
      [4, 'type', 'job'],
    ]);
  });

  it('maps source codes through codes.csv and lists every unknown code', async () => {
    const dir = tempDir({
      'participants.csv': PARTICIPANTS,
      'codes.csv': 'code,type\nLB,work_subsidized\nÖA,unemployed\n',
      'spells.csv': 'person_id,start,end,type\nA1,2015-02-01,,LB\nA2,2015-02-01,,ÖA\n',
      'bad.csv': 'person_id,start,end,type\nA1,2015-02-01,,LB\nA2,2015-02-01,,XYZ\nA2,2015-02-01,,QQ\nA3,2015-02-01,,XYZ\n',
    });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), config);
    const codes = await readCodes(join(dir, 'codes.csv'));
    const spells = await readSpells(join(dir, 'spells.csv'), participants, codes);
    expect(Array.from(spells.type, (t) => SPELL_TYPES[t])).toEqual(['work_subsidized', 'unemployed']);
    const error = await dataError(readSpells(join(dir, 'bad.csv'), participants, codes));
    expect(error.message).toContain('unknown codes: "XYZ" (first on line 3), "QQ" (first on line 4)');
  });

  it('refuses a codes file that maps to a non-canonical type', async () => {
    const dir = tempDir({ 'codes.csv': 'code,type\nLB,wage_subsidy\n' });
    const error = await dataError(readCodes(join(dir, 'codes.csv')));
    expect(error.issues[0]).toMatchObject({ file: 'codes.csv', line: 2, column: 'type', value: 'wage_subsidy' });
  });
});
