import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { CsvByteScanner } from '../../src/read/byteScanner.js';
import { streamCsv } from '../../src/read/csvStream.js';
import type { Delimiter, LineEnd } from '../../src/read/headerLine.js';
import { tempDir } from '../tempFiles.js';
import { encodeWindows1252 } from './encodeWindows1252.js';

type Rows = [line: number, fields: string[]][];

/**
 * The reference: papaparse on the whole text, with the line numbers the
 * readers gave before (a row's first line; quoted line breaks count), blank
 * lines left out as the readers leave them out.
 */
function papaRows(text: string, delimiter: Delimiter, newline: LineEnd): Rows {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: false });
  const lineBreak = newline === '\r' ? '\r' : '\n';
  const rows: Rows = [];
  let line = 1;
  for (const fields of parsed.data) {
    const start = line;
    line += 1 + fields.reduce((breaks, field) => breaks + field.split(lineBreak).length - 1, 0);
    if (fields.length === 1 && fields[0] === '') continue;
    rows.push([start, fields]);
  }
  return rows;
}

/** The scanner fed `bytes` in chunks of `size`. */
function scannedRows(bytes: Buffer, delimiter: Delimiter, newline: LineEnd, size: number): Rows {
  const rows: Rows = [];
  const scanner = new CsvByteScanner(delimiter, newline, (row) => {
    if (!row.blank) rows.push([row.line, row.texts()]);
  });
  for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
  scanner.end();
  return rows;
}

const CHUNK_SIZES = [1, 2, 3, 4, 5, 6, 7, 1 << 16];

function expectSameAsPapaparse(text: string, delimiter: Delimiter, newline: LineEnd): void {
  const expected = papaRows(text, delimiter, newline);
  for (const size of CHUNK_SIZES) {
    expect(scannedRows(Buffer.from(text, 'utf8'), delimiter, newline, size), `chunks of ${size}: ${JSON.stringify(text)}`).toEqual(expected);
  }
}

describe('CsvByteScanner reads what papaparse reads, whatever the chunk boundaries', () => {
  it('quoted fields: delimiters, doubled quotes and line breaks inside', () => {
    expectSameAsPapaparse('id,note\nA1,"a, b"\nA2,"say ""hi"""\nA3,"two\nlines"\nA4,""\n', ',', '\n');
    expectSameAsPapaparse('id;note\r\nA1;"a; b"\r\nA2;"two\r\nlines; here"\r\nA3;x\r\n', ';', '\r\n');
    expectSameAsPapaparse('id\tnote\rA1\t"a\rb"\rA2\tx', '\t', '\r');
  });

  it('CRLF files: a lone LF or CR is part of a field (a lone LF still counts as a line)', () => {
    expectSameAsPapaparse('a,b\r\n1,x\ny\r\n2,p\rq\r\n3,z\r', ',', '\r\n');
  });

  it('a last line without a line end, empty lines, a blank-only line', () => {
    expectSameAsPapaparse('a,b\n1,2\n\n\n3,4', ',', '\n');
    expectSameAsPapaparse('a,b\r\n\r\n1,2\r\n  \r\n', ',', '\r\n');
  });

  it('quotes papaparse tolerates: blanks after the closing quote, a stray quote, a quote never closed', () => {
    expectSameAsPapaparse('a,b\n"x" ,1\n"y"  \n"p"q",2\nx"y,3\n"open,4\nmore\n', ',', '\n');
    expectSameAsPapaparse('a;b\r\n"x" \r\n"y"\r\n"z"\r', ';', '\r\n');
  });

  it('multi-byte UTF-8 characters cut by chunk boundaries stay whole', () => {
    expectSameAsPapaparse('kommun,kod\nUmeå,ÖA\nJönköping,"FÖRB, €"\n', ',', '\n');
  });

  it('random texts of delimiters, quotes, line ends, blanks and letters', () => {
    // A fixed linear congruential sequence: the same texts every run.
    let seed = 20170331;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pieces = ['a', 'b', ' ', 'D', '"', '""', '\r', '\n', '\r\n', 'å', '€', '\t'];
    for (let n = 0; n < 1500; n++) {
      const delimiter = ([',', ';', '\t'] as const)[n % 3];
      const newline = (['\n', '\r\n', '\r'] as const)[Math.floor(n / 3) % 3];
      let text = '';
      for (let length = 1 + next(30); length > 0; length--) {
        const piece = pieces[next(pieces.length)];
        text += piece === 'D' ? delimiter : piece;
      }
      expectSameAsPapaparse(text, delimiter, newline);
    }
  });
});

describe('streamCsv over the byte scanner, with small reads', () => {
  async function read(path: string, chunkBytes: number) {
    const rows: Rows = [];
    let names: string[] = [];
    const summary = await streamCsv(
      path,
      (header) => (names = header.names),
      (fields, line) => rows.push([line, fields]),
      { chunkBytes },
    );
    return { names, rows, summary };
  }

  it('drops a BOM cut by the first reads, and hashes every byte of the file', async () => {
    const text = 'person_id;kommun\r\nA1;Umeå\r\nA2;"Väster\r\nås"\r\nA3;Örebro';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const path = join(tempDir({ 'p.csv': bytes }), 'p.csv');
    const expected = papaRows(text, ';', '\r\n');
    for (const size of CHUNK_SIZES) {
      const { names, rows, summary } = await read(path, size);
      expect(names, `chunks of ${size}`).toEqual(['person_id', 'kommun']);
      expect(rows, `chunks of ${size}`).toEqual(expected.slice(1));
      expect(summary).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', newline: '\r\n', rows: 3 });
      expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  });

  it('reads Windows-1252 letters (å = E5, € = 80) whatever the chunk boundaries', async () => {
    const text = 'kod,typ\nÖA,unemployed\n"FÖRB, €",program\nLB,work_subsidized\n';
    const path = join(tempDir({ 'c.csv': Buffer.from(text.replace('€', '\u0080'), 'latin1') }), 'c.csv');
    for (const size of CHUNK_SIZES) {
      const { rows, summary } = await read(path, size);
      expect(rows, `chunks of ${size}`).toEqual(papaRows(text, ',', '\n').slice(1));
      expect(summary.encoding).toBe('windows-1252');
    }
  });

  it('stops a file that switches encodings, naming the line, whatever the chunk boundaries', async () => {
    const bytes = Buffer.concat([Buffer.from('id,kommun\nA1,Umeå\nA2,Lund\n', 'utf8'), encodeWindows1252('A3,Gävle\n')]);
    const path = join(tempDir({ 'p.csv': bytes }), 'p.csv');
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      const error = await read(path, size).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, `chunks of ${size}`).toBeInstanceOf(DataError);
      expect((error as DataError).issues[0]).toMatchObject({ file: 'p.csv', line: 4 });
    }
  });

  it('joins a row longer than the room kept in front of a read (a huge quoted field)', async () => {
    const long = 'x'.repeat(200_000);
    const text = `id,note\nA1,"${long}\n${long}"\nA2,short\n`;
    const path = join(tempDir({ 'p.csv': text }), 'p.csv');
    for (const size of [4096, 1 << 16]) {
      const { rows } = await read(path, size);
      expect(rows.map(([line, fields]) => [line, fields[0], fields[1].length])).toEqual([
        [2, 'A1', 400_001],
        [4, 'A2', 5],
      ]);
    }
  });

  it('refuses an empty file for want of a header', async () => {
    const path = join(tempDir({ 'e.csv': '' }), 'e.csv');
    await expect(read(path, 7)).rejects.toThrow(/a header line with column names/);
  });
});
