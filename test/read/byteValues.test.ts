import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromHeader } from '../../src/config/resolve.js';
import { dataError } from '../dataError.js';
import { SPELL_TYPES } from '../../src/panel/spellTypes.js';
import { dayFromBytes, NO_DAY } from '../../src/read/byteDates.js';
import { ByteInterner } from '../../src/read/byteInterner.js';
import { integerFromBytes } from '../../src/read/byteNumbers.js';
import { CsvByteScanner, type CsvRow } from '../../src/read/byteScanner.js';
import { readCodes } from '../../src/read/codes.js';
import { readCosts } from '../../src/read/costs.js';
import { FieldValues } from '../../src/read/fieldValues.js';
import { parseNumber } from '../../src/read/numbers.js';
import { readParticipants } from '../../src/read/participants.js';
import { readSpells } from '../../src/read/spells.js';
import { parseDay } from '../../src/time/days.js';
import { tempDir } from '../tempFiles.js';
import { encodeWindows1252 } from './encodeWindows1252.js';

/** A fixed linear congruential sequence: the same texts every run. */
function randomTexts(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  return Array.from({ length: count }, () => {
    let text = '';
    for (let length = next(maxLength + 1); length > 0; length--) text += alphabet[next(alphabet.length)];
    return text;
  });
}

describe('dayFromBytes reads exactly what parseDay reads', () => {
  it('every day of 1896-2104 in both formats, and dates that do not exist', () => {
    const wrong: string[] = [];
    for (let day = parseDay('1896-01-01')!; day <= parseDay('2104-12-31')!; day += 1) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      for (const text of [iso, iso.replaceAll('-', '')]) if (dayFromBytes(Buffer.from(text), 0, text.length) !== day) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    for (const text of ['2015-02-29', '2100-02-29', '2015-13-01', '2015-00-10', '2015-01-00', '2015-04-31', '20150230', '2015-1-01', '2015/01/01', '201501011', '']) {
      expect(dayFromBytes(Buffer.from(text), 0, text.length), text).toBe(NO_DAY);
      expect(parseDay(text), text).toBeUndefined();
    }
  });

  it('random texts of digits, dashes and other characters, within a larger buffer', () => {
    for (const text of randomTexts(['0', '1', '2', '9', '-', '/', ' ', 'a', '\u00e5'], 5000, 11, 7)) {
      const bytes = Buffer.from(`,${text},`, 'utf8');
      const day = dayFromBytes(bytes, 1, bytes.length - 1);
      expect(day === NO_DAY ? undefined : day, text).toBe(parseDay(text));
    }
  });
});

describe('integerFromBytes agrees with parseNumber', () => {
  it('gives parseNumber\'s value for plain integers, and NaN (the string path) for the rest', () => {
    const texts = [...randomTexts(['0', '1', '7', '9', '-', '.', ',', ' ', '\u2212'], 5000, 18, 11), '-0', '0000', '999999999999999', '9999999999999999'];
    for (const text of texts) {
      const value = integerFromBytes(Buffer.from(text, 'utf8'), 0, Buffer.byteLength(text));
      if (Number.isNaN(value)) {
        // Left to the string path: not a plain integer of at most 15 digits.
        expect(/^-?\d{1,15}$/.test(text), text).toBe(false);
      } else {
        expect(Object.is(value, parseNumber(text, '.')), text).toBe(true);
        expect(Object.is(value, parseNumber(text, ',')), text).toBe(true);
      }
    }
  });
});

/** Every row of `bytes` (one field per line), handed to `check`. */
function eachField(bytes: Buffer, windows1252: boolean, check: (row: CsvRow) => void): void {
  const scanner = new CsvByteScanner(',', '\n', check);
  scanner.row.windows1252 = windows1252;
  scanner.push(bytes);
  scanner.end();
}

describe('CsvRow.trim narrows a field to the bytes of its trimmed text', () => {
  const alphabet = ['a', 'Ö', 'å', ' ', '\t', '\u00a0', '\u3000', '\u2003', '\ufeff', '\u202f', '\u2014', 'é', '€', '"'];

  it('in UTF-8: on the bytes where no blank outside ASCII is at an edge, else through the text', () => {
    const fields = randomTexts(alphabet, 3000, 6, 3).map((text) => `"${text.replaceAll('"', '""')}"`);
    let onBytes = 0;
    const seen: string[] = [];
    eachField(Buffer.from(fields.join('\n') + '\n', 'utf8'), false, (row) => {
      const text = row.text(0);
      seen.push(text);
      expect(row.trimmedText(0)).toBe(text.trim());
      expect(row.isEmpty(0)).toBe(text.trim() === '');
      if (row.trim(0)) {
        onBytes++;
        expect(row.bytes.toString('utf8', row.from, row.to)).toBe(text.trim());
      }
    });
    expect(seen).toHaveLength(3000);
    expect(onBytes).toBeGreaterThan(500);
  });

  it('in Windows-1252: a no-break space (A0) at an edge is left to the text', () => {
    const texts = randomTexts(['a', 'Ö', 'å', ' ', '\u00a0', '\u20ac'], 2000, 6, 5);
    // € is 0x80 in Windows-1252.
    const bytes = Buffer.from(texts.join('\n').replaceAll('\u20ac', '\u0080') + '\n', 'latin1');
    let index = 0;
    eachField(bytes, true, (row) => {
      const expected = texts[index++];
      expect(row.text(0)).toBe(expected);
      expect(row.trimmedText(0)).toBe(expected.trim());
      if (row.trim(0)) expect(row.bytes.toString('latin1', row.from, row.to).replaceAll('\u0080', '\u20ac')).toBe(expected.trim());
    });
    expect(index).toBe(2000);
  });
});

describe('ByteInterner', () => {
  it('numbers keys densely in order of first sight, through many growths', () => {
    const interner = new ByteInterner();
    const keys = Array.from({ length: 50_000 }, (_, i) => `P${String(i * 7919).padStart(9, '0')}`);
    expect(keys.filter((key, i) => interner.id(Buffer.from(key), 0, key.length) !== i)).toEqual([]);
    expect(keys.filter((key, i) => interner.find(Buffer.from(`x${key}y`), 1, key.length + 1) !== i)).toEqual([]);
    expect(interner.find(Buffer.from('P'), 0, 1)).toBe(-1);
    expect(interner.id(Buffer.from(''), 0, 0)).toBe(50_000);
    expect(interner.texts().slice(0, 3)).toEqual(keys.slice(0, 3));
    expect(interner.size).toBe(50_001);
  });
});

describe('FieldValues', () => {
  it('computes a value once per distinct trimmed text, however it is written', () => {
    const calls: string[] = [];
    const values = new FieldValues((text) => {
      calls.push(text);
      return `<${text}>`;
    });
    const got: string[] = [];
    const text = 'K\n M \n"K"\n\u00a0K\nKvinna\nK\n\n  \n\u00a0\n12345\n1234\n';
    eachField(Buffer.from(text, 'utf8'), false, (row) => got.push(values.get(row, 0)));
    expect(got).toEqual(['<K>', '<M>', '<K>', '<K>', '<Kvinna>', '<K>', '<>', '<>', '<>', '<12345>', '<1234>']);
    // The no-break spaces go through the text every time; all else once per text.
    expect(calls).toEqual(['K', 'M', 'K', 'Kvinna', '', '', '12345', '1234']);
  });
});

describe('readers on the byte paths', () => {
  const plain = planFromHeader({});

  it('finds participants from spells and costs in another encoding, with blanks and quotes around ids', async () => {
    const dir = tempDir({
      'participants.csv': 'person_id,arm,randomized_on\nÅsa1,FS,2015-01-31\nÖrjan2,SE,2015-02-01\nA3,CM,2015-03-15\n',
      'spells.csv': encodeWindows1252('person_id;start;end;type\r\nA3;20150401;;education\r\n"Åsa1";20150201;20150301;program\r\n Örjan2 ;20150101;;unemployed\r\nÅsa9;20150101;;other\r\nA3;20150501;20150502;education\r\n'),
      'costs.csv': 'person_id,cost\n Örjan2,100\n"A3",-0\nZ,5\n',
    });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const spells = await readSpells(join(dir, 'spells.csv'), participants, undefined);
    expect(Array.from(spells.person)).toEqual([2, 0, 1, 2]);
    expect(Array.from(spells.type, (t) => SPELL_TYPES[t])).toEqual(['education', 'program', 'unemployed', 'education']);
    expect(spells.unmatched).toBe(1);
    expect(spells.source).toMatchObject({ encoding: 'windows-1252', dateFormat: 'YYYYMMDD', rows: 5 });
    const costs = await readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']);
    expect(Array.from(costs.perPerson!)).toEqual([NaN, 100, 0]);
    expect(costs.unmatched).toBe(1);
  });

  it('keeps ids as bytes and gives the strings and their index when asked', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,arm,randomized_on\n B2 ,FS,2015-01-31\n"A1",SE,2015-02-01\nÖ3\u00a0,CM,2015-03-15\n' });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    expect(participants.ids).toEqual(['B2', 'A1', 'Ö3']);
    expect([...participants.indexOf]).toEqual([
      ['B2', 0],
      ['A1', 1],
      ['Ö3', 2],
    ]);
    expect(JSON.parse(JSON.stringify(participants)).ids).toEqual(['B2', 'A1', 'Ö3']);
  });

  it('names the latest earlier line of an id given three times, and an empty id', async () => {
    const dir = tempDir({ 'participants.csv': 'person_id,arm,randomized_on\nX,FS,2015-01-31\nY,SE,2015-02-01\n X,CM,2015-03-15\n"X",FS,2015-03-16\n  ,FS,2015-03-16\n' });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), plain));
    expect(error.issues.map((issue) => [issue.line, issue.expected])).toEqual([
      [4, 'a unique person id (the same id as on line 2; the id is withheld)'],
      [5, 'a unique person id (the same id as on line 4; the id is withheld)'],
      [6, 'a person id'],
    ]);
  });

  it('codes blocks and subgroups by sorted level, numerically when every level is a number', async () => {
    const dir = tempDir({
      'participants.csv': 'person_id,arm,randomized_on,block,gender,size\nA,FS,2015-01-31,10,K,3\nB,SE,2015-02-01,9,,10\nC,CM,2015-02-01," 10",M,3\nD,CM,2015-02-01,010,K,2,\n',
    });
    const error = await dataError(readParticipants(join(dir, 'participants.csv'), planFromHeader({ block: 'block', subgroups: ['gender', 'size'] })));
    expect(error.issues).toEqual([{ file: 'participants.csv', line: 5, expected: '6 fields, found 7' }]);
    const fixed = tempDir({ 'participants.csv': 'person_id,arm,randomized_on,block,gender,size\nA,FS,2015-01-31,10,K,3\nB,SE,2015-02-01,9,,10\nC,CM,2015-02-01," 10",M,3\nD,CM,2015-02-01,010,K,2\n' });
    const { participants } = await readParticipants(join(fixed, 'participants.csv'), planFromHeader({ block: 'block', subgroups: ['gender', 'size'] }));
    expect(participants.block).toEqual({ levels: ['9', '10', '010'], codes: Int32Array.from([1, 0, 1, 2]) });
    expect(participants.subgroups.get('gender')).toEqual({ levels: ['K', 'M'], codes: Int32Array.from([0, -1, 1, 0]) });
    expect(participants.subgroups.get('size')).toEqual({ levels: ['2', '3', '10'], codes: Int32Array.from([1, 2, 1, 0]) });
  });

  it('lists unknown codes in order of first appearance, read from bytes', async () => {
    const dir = tempDir({
      'participants.csv': 'person_id,arm,randomized_on\nA1,FS,2015-01-31\n',
      'codes.csv': 'code,type\nLB,work_subsidized\n',
      'spells.csv': 'person_id,start,end,type\nA1,2015-02-01,,LB\nA1,2015-02-01,,ÖA\nA1,2015-02-01,, ÖA\nA1,2015-02-01,,\u00a0QQ\nA1,2015-02-01,,LB \n',
    });
    const { participants } = await readParticipants(join(dir, 'participants.csv'), plain);
    const codes = await readCodes(join(dir, 'codes.csv'));
    const error = await dataError(readSpells(join(dir, 'spells.csv'), participants, codes));
    expect(error.message).toContain('unknown codes: "ÖA" (first on line 3), "QQ" (first on line 5)');
  });
});
