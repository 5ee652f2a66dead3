import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromHeader } from '../../src/config/resolve.js';
import { dataError } from '../dataError.js';
import { SPELL_TYPES } from '../../src/panel/spellTypes.js';
import { readCodes } from '../../src/read/codes.js';
import { describeConventions, inputFileOf } from '../../src/read/conventions.js';
import { readCosts } from '../../src/read/costs.js';
import { readParticipants } from '../../src/read/participants.js';
import { readSpells } from '../../src/read/spells.js';
import { parseDay } from '../../src/time/days.js';
import { tempDir } from '../tempFiles.js';
import { encodeWindows1252 } from './encodeWindows1252.js';

const plain = planFromHeader({});
const withMunicipality = planFromHeader({ covariates: ['municipality'] });

const SWEDISH_PARTICIPANTS = [
  'person_id;arm;randomized_on;gender;municipality',
  'A1;FS;20150131;K;Umeå',
  'A2;SE;20150201;M;Västerås',
  'A3;CM;20150315;K;Jönköping',
  'A4;FS;20150316;M;Örebro',
].join('\r\n') + '\r\n';

describe('a Swedish Windows-1252 extract: semicolons, CRLF, YYYYMMDD', () => {
  it('reads å, ä, ö intact and reports every convention it detected', async () => {
    const dir = tempDir({ 'participants.csv': encodeWindows1252(SWEDISH_PARTICIPANTS) });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), withMunicipality);
    expect(participants.extraColumns.get('municipality')).toEqual(['Umeå', 'Västerås', 'Jönköping', 'Örebro']);
    expect(participants.randomizedOn[0]).toBe(parseDay('2015-01-31'));
    expect(participants.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', newline: '\r\n', dateFormat: 'YYYYMMDD', rows: 4 });
    expect(participants.source.decimalMark).toBeUndefined();
    expect(describeConventions(participants.source)).toBe("participants.csv: windows-1252, delimiter ';', CRLF line ends, dates YYYYMMDD");
    expect(inputFileOf(participants.source)).toEqual({
      file: 'participants.csv',
      sha256: participants.source.sha256,
      rows: 4,
      encoding: 'windows-1252',
      delimiter: ';',
      date_format: 'YYYYMMDD',
    });
  });

  it('maps the code ÖA from a Windows-1252 codes.csv onto Windows-1252 spells', async () => {
    const dir = tempDir({
      'participants.csv': encodeWindows1252(SWEDISH_PARTICIPANTS),
      'codes.csv': encodeWindows1252('kod;typ\r\nÖA;unemployed\r\nFÖRB;program\r\nLB;work_subsidized\r\n'),
      'spells.csv': encodeWindows1252('person_id;start;end;type\r\nA1;20150201;;ÖA\r\nA2;20150201;20150301;FÖRB\r\nA3;20150101;20151231;LB\r\n'),
    });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const codes = await readCodes(join(dir, 'codes.csv'), { code: 'kod', type: 'typ' });
    expect([...codes.typeOf.keys()]).toEqual(['ÖA', 'FÖRB', 'LB']);
    const spells = await readSpells(join(dir, 'spells.csv'), participants, codes);
    expect(Array.from(spells.type, (t) => SPELL_TYPES[t])).toEqual(['unemployed', 'program', 'work_subsidized']);
    expect(spells.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', dateFormat: 'YYYYMMDD' });
  });

  it('reads the same names from UTF-8 with and without a byte-order mark, and from tab-separated files', async () => {
    const utf8 = SWEDISH_PARTICIPANTS;
    const dir = tempDir({
      'plain.csv': utf8,
      'bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]),
      'tab.csv': utf8.replaceAll(';', '\t').replaceAll('\r\n', '\n'),
    });
    for (const [name, encoding, delimiter] of [['plain.csv', 'utf-8', ';'], ['bom.csv', 'utf-8-bom', ';'], ['tab.csv', 'utf-8', '\t']] as const) {
      const { participants } = await readParticipants(join(dir, name), withMunicipality);
      expect(participants.extraColumns.get('municipality'), name).toEqual(['Umeå', 'Västerås', 'Jönköping', 'Örebro']);
      expect(participants.source, name).toMatchObject({ encoding, delimiter });
    }
  });

  it('stops a file that switches from UTF-8 to Windows-1252 letters, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from('person_id,arm,randomized_on,municipality\nA1,FS,2015-01-31,Umeå\nA2,SE,2015-02-01,Lund\n', 'utf8'), encodeWindows1252('A3,CM,2015-03-15,Gävle\n')]);
    const dir = tempDir({ 'participants.csv': bytes });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), withMunicipality));
    expect(error.issues[0]).toMatchObject({ file: 'participants.csv', line: 4 });
    expect(error.message).toContain('save the whole file as UTF-8 or as Windows-1252');
  });
});

describe('decimal marks in participant covariates', () => {
  it('reports the mark of numeric covariates, and refuses a file that mixes marks', async () => {
    const plan = planFromHeader({ covariates: ['income', 'diagnosis_group'] });
    const dir = tempDir({
      'good.csv': 'person_id;arm;randomized_on;income;diagnosis_group\nA1;FS;2015-01-31;0;F80-89\nA2;SE;2015-02-01;12 345,5;other\n',
      'mixed.csv': 'person_id;arm;randomized_on;income;diagnosis_group\nA1;FS;2015-01-31;1,5;F80-89\nA2;SE;2015-02-01;2.5;other\n',
    });
    const { participants } = await readParticipants(join(dir, 'good.csv'), plan);
    expect(participants.source.decimalMark).toBe(',');
    expect(participants.extraColumns.get('income')).toEqual(['0', '12 345,5']);
    const error = await dataError(readParticipants(join(dir, 'mixed.csv'), plan));
    expect(error.issues).toEqual([
      { file: 'mixed.csv', line: 3, column: 'income', value: '2.5', expected: "a value: a number with the decimal mark ',' like the file's other numbers (first on line 2), e.g. 12 345,50" },
    ]);
  });
});

describe('delimiters and quoting', () => {
  it('keeps line numbers through quoted delimiters and line breaks in a CRLF semicolon file', async () => {
    const text = 'person_id;arm;randomized_on;note\r\nA1;FS;2015-01-01;"a; b"\r\nA2;SE;2015-01-02;"two\r\nlines; here"\r\nA3;XX;2015-01-03;x\r\n';
    const dir = tempDir({ 'participants.csv': text });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), planFromHeader({ covariates: ['note'] })));
    expect(error.issues).toEqual([{ file: 'participants.csv', line: 5, column: 'arm', value: 'XX', expected: 'one of the configured arms FS, SE, CM' }]);
  });

  it('refuses a header that mixes delimiters instead of guessing', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id;arm,randomized_on\nA1;FS,2015-01-01\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues[0]).toMatchObject({ file: 'participants.csv', line: 1 });
    expect(error.message).toMatch(/one field delimiter in the header line/);
  });
});

describe('date formats', () => {
  it('reports ISO dates, and refuses a file that mixes YYYY-MM-DD and YYYYMMDD', async () => {
    const dir = tempDir({
      'participants.csv': 'person_id,arm,randomized_on\nA1,FS,2015-01-31\nA2,SE,2015-02-01\n',
      'spells.csv': 'person_id,start,end,type\nA1,2015-02-01,20150301,education\nA2,20150201,,education\nA1,2015-03-02,2015-04-01,education\n',
    });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    expect(participants.source.dateFormat).toBe('YYYY-MM-DD');
    const error = await dataError(readSpells(join(dir, 'spells.csv'), participants, undefined));
    expect(error.issues.map((i) => [i.line, i.column, i.value])).toEqual([
      [2, 'end', '20150301'],
      [3, 'start', '20150201'],
    ]);
    expect(error.issues[0].expected).toBe("a date written YYYY-MM-DD like the file's other dates (first on line 2): the file mixes YYYY-MM-DD and YYYYMMDD");
  });

  it('names the detected format when a date does not exist', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,arm,randomized_on\nA1,FS,20150131\nA2,SE,20150230\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues).toEqual([{ file: 'participants.csv', line: 3, column: 'randomized_on', value: '20150230', expected: 'a date YYYYMMDD that exists' }]);
  });
});

describe('costs with Swedish number formats', () => {
  const participantsCsv = 'person_id,arm,randomized_on\nA1,FS,2015-01-31\nA2,SE,2015-02-01\nA3,CM,2015-03-15\n';

  it('reads decimal commas and space or no-break-space thousands, and reports the mark', async () => {
    const dir = tempDir({ 'participants.csv': participantsCsv, 'costs.csv': 'person_id;cost\nA1;43 040,00\nA2;12\u00a0345,50\nA3;1,234\n' });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const costs = await readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']);
    expect(Array.from(costs.perPerson!)).toEqual([43040, 12345.5, 1.234]);
    expect(costs.source).toMatchObject({ delimiter: ';', decimalMark: ',' });
    expect(describeConventions(costs.source)).toBe("costs.csv: utf-8, delimiter ';', decimal mark ','");
  });

  it('reads decimal points, and costs per arm', async () => {
    const dir = tempDir({ 'participants.csv': participantsCsv, 'costs.csv': 'arm,cost_per_participant\nFS,0\nSE,12345.50\nCM,9876.25\n' });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const costs = await readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']);
    expect(costs.perArm).toEqual(new Map([['FS', 0], ['SE', 12345.5], ['CM', 9876.25]]));
    expect(costs.source.decimalMark).toBe('.');
  });

  it('refuses a file that mixes decimal marks, naming the line where the mark was set', async () => {
    const dir = tempDir({ 'participants.csv': participantsCsv, 'costs.csv': 'person_id;cost\nA1;100\nA2;12 345,50\nA3;99.5\n' });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const error = await dataError(readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']));
    expect(error.issues).toEqual([
      {
        file: 'costs.csv',
        line: 4,
        column: 'cost',
        value: '99.5',
        expected: "a cost in SEK: a number with the decimal mark ',' like the file's other numbers (first on line 3), e.g. 12 345,50",
      },
    ]);
  });
});

describe('direct identifiers refused', () => {
  it('stops participants.csv whose ids are personnummer, naming lines and no id', async () => {
    const ids = ['19121212-1212', '191212121212', '121272-1219'];
    const rows = ids.map((id, i) => `${id},FS,2015-01-0${i + 1}`).join('\n');
    const dir = tempDir({ 'participants.csv': `person_id,arm,randomized_on\n${rows}\n` });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: 'participants.csv', line: 2, column: 'person_id' });
    expect(error.issues[0].value).toBeUndefined();
    expect(error.message).toContain('lines 2, 3, 4');
    for (const id of ids) expect(error.message).not.toContain(id.slice(-4));
  });

  it('stops spells.csv and costs.csv that join on personnummer instead of the LopNr', async () => {
    const dir = tempDir({
      'participants.csv': 'LopNr,arm,randomized_on\n1234567,FS,2015-01-31\n1234568,SE,2015-02-01\n',
      'spells.csv': 'LopNr,start,end,type\n1234567,2015-02-01,,education\n191212121212,2015-02-01,,education\n',
      'costs.csv': 'LopNr,cost\n1234567,100\n121212-1212,200\n',
    });
    const plan = planFromHeader({ columns: { person_id: 'LopNr' } });
    const { participants, config } = await readParticipants(join(dir, 'participants.csv'), plan);
    expect(participants.count).toBe(2);
    const spellsError = await dataError(readSpells(join(dir, 'spells.csv'), participants, undefined, config.columns));
    expect(spellsError.issues[0]).toMatchObject({ file: 'spells.csv', line: 3, column: 'LopNr' });
    expect(spellsError.message).not.toContain('1212');
    const costsError = await dataError(readCosts(join(dir, 'costs.csv'), participants, config.arms, config.columns));
    expect(costsError.issues[0]).toMatchObject({ file: 'costs.csv', line: 3, column: 'LopNr' });
    expect(costsError.message).not.toContain('1212');
  });

  it('reads ten-digit pseudonyms, which pass the check digit only by chance', async () => {
    // 2,000 ten-digit ids from a fixed linear congruential sequence.
    let x = 12345;
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      rows.push(`${String(1_000_000_000 + (x % 9_000_000_000)).padStart(10, '0')},FS,2015-01-01`);
    }
    const dir = tempDir({ 'participants.csv': `person_id,arm,randomized_on\n${rows.join('\n')}\n` });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    expect(participants.count).toBe(2000);
  });
});

describe('person ids withheld from messages', () => {
  it('names the two lines of a duplicate id, a short row, and never an id', async () => {
    const dir = tempDir({
      'participants.csv': 'person_id,arm,randomized_on\nSECRET1,FS,2015-01-31\nSECRET2,SE,2015-02-01\nSECRET1,CM,2015-03-15\nSECRET3,FS\n',
      'costs.csv': 'person_id,cost\nSECRET2,10\nSECRET2,20\n',
    });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues).toEqual([
      { file: 'participants.csv', line: 4, column: 'person_id', expected: 'a unique person id (the same id as on line 2; the id is withheld)' },
      { file: 'participants.csv', line: 5, expected: '3 fields, found 2' },
    ]);
    expect(error.message).not.toContain('SECRET');
    const good = tempDir({ 'participants.csv': 'person_id,arm,randomized_on\nSECRET1,FS,2015-01-31\nSECRET2,SE,2015-02-01\n' });
    const { participants } = await readParticipants(join(good, 'participants.csv'), plain);
    const costsError = await dataError(readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']));
    expect(costsError.issues).toEqual([{ file: 'costs.csv', line: 3, column: 'person_id', expected: 'each person once (the same id as on line 2; the id is withheld)' }]);
  });

  it('withholds line 1 of a file without a header, which holds a person id', async () => {
    const dir = tempDir({ 'participants.csv': 'SECRET1,FS,2015-01-31\nSECRET2,SE,2015-02-01\n', 'costs.csv': 'SECRET1,25792\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues[0]).toMatchObject({ file: 'participants.csv', line: 1, column: 'person_id, arm, randomized_on' });
    expect(error.message).toContain('looks like data');
    expect(error.message).not.toContain('SECRET');
    const good = tempDir({ 'participants.csv': 'person_id,arm,randomized_on\nSECRET1,FS,2015-01-31\n' });
    const { participants } = await readParticipants(join(good, 'participants.csv'), plain);
    const costsError = await dataError(readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']));
    expect(costsError.message).not.toContain('SECRET');
  });

  it('still shows a real header when a column is missing', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,randomized_on\nA1,2015-01-01\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues[0]).toEqual({ file: 'participants.csv', line: 1, column: 'arm', value: 'person_id,randomized_on', expected: 'required column arm' });
  });
});
