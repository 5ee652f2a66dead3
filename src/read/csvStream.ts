/**
 * Streams a CSV file row by row through papaparse, so a file of tens of
 * millions of rows is never held as one string. The file's bytes are hashed
 * (sha256, for provenance) in the same pass.
 *
 * The file's conventions are settled once, before or while the first bytes
 * pass, never per row: the delimiter and line end from the header line
 * (headerLine.ts), the encoding from the first bytes that are not ASCII
 * (encoding.ts). They are reported in the summary.
 */
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { DataError } from '../errors.js';
import type { DateFormat } from './dateFormat.js';
import type { DecimalMark } from './numbers.js';
import { EncodingMismatch, ExtractDecoder, type TextEncodingName } from './encoding.js';
import { headerLayout, readHeaderBytes, refuseUtf16, type Delimiter, type LineEnd } from './headerLine.js';

export interface CsvHeader {
  /** Column names as written in the file (BOM and surrounding blanks removed). */
  names: string[];
  delimiter: string;
}

export interface CsvFileSummary {
  file: string;
  sha256: string;
  /** Data rows (header and blank lines not counted). */
  rows: number;
  /** Field delimiter, detected from the header line. */
  delimiter: Delimiter;
  /** Text encoding, detected from the bytes. */
  encoding: TextEncodingName;
  /** Line end of the header line (`\r\n` for files saved on Windows). */
  newline: LineEnd;
  /** Date format of the file's date columns, for readers that read dates and found one. */
  dateFormat?: DateFormat;
  /** Decimal mark of the file's numeric columns, for readers that read numbers and found one. */
  decimalMark?: DecimalMark;
}

/**
 * Calls `onHeader` once, then `onRow(fields, line)` for every data row;
 * `line` is the 1-based line where the row starts (header = line 1).
 * Blank lines are skipped. Throwing from a callback stops the read and
 * rejects with that error.
 */
export async function streamCsv(
  path: string,
  onHeader: (header: CsvHeader) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<CsvFileSummary> {
  const file = basename(path);
  let head: Buffer;
  try {
    head = await readHeaderBytes(path);
  } catch (error) {
    throw unreadable(file, error);
  }
  refuseUtf16(file, head);
  const { delimiter, newline } = headerLayout(file, head);
  return parseStream(path, file, delimiter, newline, onHeader, onRow);
}

function parseStream(
  path: string,
  file: string,
  delimiter: Delimiter,
  newline: LineEnd,
  onHeader: (header: CsvHeader) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<CsvFileSummary> {
  return new Promise<CsvFileSummary>((resolve, reject) => {
    const hash = createHash('sha256');
    // papaparse decodes Buffer chunks one at a time, which would split a
    // multi-byte character (å, ä, ö) that straddles two chunks; decoding here
    // keeps characters whole, in the detected encoding, and lets the hash
    // see the raw bytes.
    const decoder = new ExtractDecoder();
    let failure: unknown;
    const source = createReadStream(path);
    const fail = (error: unknown): void => {
      if (failure !== undefined) return;
      failure = error;
      source.destroy();
      decoded.destroy();
      reject(error);
    };
    const decoded = new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        try {
          const text = decoder.write(chunk);
          if (text.length > 0) this.push(text);
        } catch (error) {
          fail(decodingError(path, file, error));
        }
        callback();
      },
      flush(callback) {
        try {
          const text = decoder.end();
          if (text.length > 0) this.push(text);
        } catch (error) {
          fail(decodingError(path, file, error));
        }
        callback();
      },
    });
    source.on('error', (error) => fail(unreadable(file, error)));
    source.pipe(decoded);

    // Rows that span lines (quoted line breaks) advance the count by the breaks they hold.
    const breakChar = newline === '\r' ? '\r' : '\n';
    let line = 1;
    let rows = 0;
    let headerSeen = false;
    Papa.parse<string[]>(decoded as unknown as File, {
      header: false,
      skipEmptyLines: false,
      delimiter,
      newline,
      step(result, parser) {
        if (failure !== undefined) return;
        const fields = result.data;
        const startLine = line;
        line += 1 + countLineBreaks(fields, breakChar);
        try {
          if (!headerSeen) {
            headerSeen = true;
            const names = fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
            onHeader({ names, delimiter });
            return;
          }
          if (fields.length === 1 && fields[0] === '') return;
          rows++;
          onRow(fields, startLine);
        } catch (error) {
          fail(error);
          parser.abort();
        }
      },
      complete() {
        if (failure !== undefined) return;
        if (!headerSeen) {
          fail(new DataError({ file, line: 1, expected: 'a header line with column names' }));
          return;
        }
        resolve({ file, sha256: hash.digest('hex'), rows, delimiter, encoding: decoder.encoding, newline });
      },
      error(error: Error) {
        fail(new DataError({ file, expected: `readable CSV (${error.message})` }));
      },
    });
  });
}

function unreadable(file: string, error: unknown): DataError {
  const { code, message } = error as NodeJS.ErrnoException;
  return new DataError({ file, expected: `a readable file (${code ?? message})` });
}

/** A file that mixes encodings: name the line, and the two ways out. */
function decodingError(path: string, file: string, error: unknown): unknown {
  if (!(error instanceof EncodingMismatch)) return error;
  const what =
    error.began === 'windows-1252'
      ? 'the file began as Windows-1252, but here holds UTF-8 letters'
      : 'the file began as UTF-8, but here holds bytes that are not UTF-8 (Windows-1252 letters?)';
  return new DataError({
    file,
    line: lineAtByte(path, error.byteOffset),
    expected: `text in one encoding: ${what}; save the whole file as UTF-8 or as Windows-1252`,
  });
}

/** The 1-based line of a byte offset, counted by reading the file again (error path only). */
function lineAtByte(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.alloc(1 << 20);
    let line = 1;
    for (let position = 0; position < offset; ) {
      const read = readSync(fd, block, 0, Math.min(block.length, offset - position), position);
      if (read === 0) break;
      for (let i = block.indexOf(0x0a, 0); i >= 0 && i < read; i = block.indexOf(0x0a, i + 1)) line++;
      position += read;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

function countLineBreaks(fields: string[], breakChar: string): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf(breakChar); i >= 0; i = field.indexOf(breakChar, i + 1)) count++;
  }
  return count;
}
