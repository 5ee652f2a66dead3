/**
 * Issue 5's acceptance test: the bundled fixture rewritten the way a Swedish
 * agency extract arrives (Windows-1252, semicolons, CRLF, YYYYMMDD dates,
 * costs with decimal commas and blank thousands separators, quoted fields)
 * gives the same numbers as the original; only the provenance of the
 * conventions and the sha256 differ.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromHeader } from '../../src/config/resolve.js';
import { locateInputs } from '../../src/pipeline/inputs.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { readCodes } from '../../src/read/codes.js';
import { describeConventions } from '../../src/read/conventions.js';
import { readCosts } from '../../src/read/costs.js';
import { readParticipants } from '../../src/read/participants.js';
import { readSpells } from '../../src/read/spells.js';
import type { InputFile, Results } from '../../src/results.js';
import { encodeWindows1252 } from '../read/encodeWindows1252.js';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';

const FIXTURE = join(ROOT, 'fixtures', 'ae-trial');
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 43040 → `43 040,00`; every other row uses a no-break space, as Excel with Swedish settings writes. */
function swedishCost(text: string, row: number): string {
  const [whole, decimals] = Number(text).toFixed(2).split('.');
  const separator = row % 2 === 0 ? ' ' : '\u00a0';
  return `${whole.replace(/\B(?=(\d{3})+$)/g, separator)},${decimals}`;
}

function convert(name: string, quoteAll: boolean): void {
  const parsed = Papa.parse<string[]>(readFileSync(join(FIXTURE, name), 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const costColumn = name === 'costs.csv' ? header.indexOf('cost') : -1;
  const data = rows.map((row, r) => row.map((cell, c) => (c === costColumn ? swedishCost(cell, r) : cell.replace(ISO_DATE, '$1$2$3'))));
  const text = Papa.unparse({ fields: header, data }, { delimiter: ';', newline: '\r\n', quotes: quoteAll }) + '\r\n';
  writeFileSync(join(converted, name), encodeWindows1252(text));
}

let converted: string;
let original: Results;
let swedish: Results;

beforeAll(async () => {
  converted = tempDir();
  convert('participants.csv', true);
  convert('spells.csv', false);
  convert('codes.csv', false);
  convert('costs.csv', false);
  copyFileSync(join(FIXTURE, 'eval.config.json'), join(converted, 'eval.config.json'));
  const options = { overrides: { bootstrap: { replicates: 50 } } };
  original = await runAnalysis(locateInputs(FIXTURE), options);
  swedish = await runAnalysis(locateInputs(converted), options);
});

describe('the fixture as a Swedish extract (Windows-1252, ;, CRLF, YYYYMMDD, 12 345,50)', () => {
  it('is really converted: Windows-1252 bytes, semicolons, compact dates, decimal-comma costs', () => {
    const spells = readFileSync(join(converted, 'spells.csv'));
    expect(spells.includes(Buffer.from([0x3b, 0xd6, 0x41, 0x0d, 0x0a]))).toBe(true); // ";ÖA\r\n" in Windows-1252
    expect(spells.includes(Buffer.from('ÖA', 'utf8'))).toBe(false);
    expect(readFileSync(join(converted, 'participants.csv'), 'latin1').split('\r\n')[1]).toMatch(/^"P0000001";"FS";"20141101";/);
    expect(readFileSync(join(converted, 'costs.csv'), 'latin1')).toMatch(/\r\nP\d{7};\d{1,3}[ \u00a0]\d{3},00\r\n/);
  });

  it('gives the same n, shares and effects, exactly', () => {
    expect(swedish.n).toEqual(original.n);
    expect(swedish.shares.length).toBeGreaterThan(0);
    expect(swedish.shares).toEqual(original.shares);
    expect(swedish.effects).toEqual(original.effects);
    expect(swedish.censoring).toEqual(original.censoring);
    expect(swedish.unmatched_spells).toBe(original.unmatched_spells);
    expect(swedish.warnings).toEqual(original.warnings);
    expect(swedish.config).toEqual(original.config);
  });

  it('differs in provenance only by sha256 and the detected conventions', () => {
    const withoutConventions = ({ sha256: _s, encoding: _e, delimiter: _d, date_format: _f, decimal_mark: _m, ...rest }: InputFile) => rest;
    expect(Object.keys(swedish.inputs)).toEqual(Object.keys(original.inputs));
    for (const key of Object.keys(original.inputs)) {
      expect(withoutConventions(swedish.inputs[key]), key).toEqual(withoutConventions(original.inputs[key]));
      expect(swedish.inputs[key].sha256, key).not.toBe(original.inputs[key].sha256);
    }
  });

  it('detects and reports each file’s conventions', async () => {
    const plan = planFromHeader(JSON.parse(readFileSync(join(FIXTURE, 'eval.config.json'), 'utf8')));
    const conventionsOf = async (dir: string) => {
      const { participants } = await readParticipants(join(dir, 'participants.csv'), plan);
      const codes = await readCodes(join(dir, 'codes.csv'));
      const spells = await readSpells(join(dir, 'spells.csv'), participants, codes);
      const costs = await readCosts(join(dir, 'costs.csv'), participants, ['FS', 'SE', 'CM']);
      return { lines: [participants.source, spells.source, codes.source, costs.source].map(describeConventions), perPerson: costs.perPerson };
    };
    const before = await conventionsOf(FIXTURE);
    const after = await conventionsOf(converted);
    expect(before.lines).toEqual([
      "participants.csv: utf-8, delimiter ',', dates YYYY-MM-DD",
      "spells.csv: utf-8, delimiter ',', dates YYYY-MM-DD",
      "codes.csv: utf-8, delimiter ','",
      "costs.csv: utf-8, delimiter ','",
    ]);
    expect(after.lines).toEqual([
      "participants.csv: windows-1252, delimiter ';', CRLF line ends, dates YYYYMMDD",
      "spells.csv: windows-1252, delimiter ';', CRLF line ends, dates YYYYMMDD",
      "codes.csv: windows-1252, delimiter ';', CRLF line ends",
      // The no-break spaces are byte A0 in Windows-1252.
      "costs.csv: windows-1252, delimiter ';', CRLF line ends, decimal mark ','",
    ]);
    expect(after.perPerson).toEqual(before.perPerson);
  });
});
