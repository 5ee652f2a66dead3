/**
 * Streams a CSV file row by row through papaparse, so a file of tens of
 * millions of rows is never held as one string. The file's bytes are hashed
 * (sha256, for provenance) in the same pass.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { DataError } from '../errors.js';

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
  delimiter: string;
}

/**
 * Calls `onHeader` once, then `onRow(fields, line)` for every data row;
 * `line` is the 1-based line where the row starts (header = line 1).
 * Blank lines are skipped. Throwing from a callback stops the read and
 * rejects with that error.
 */
export function streamCsv(
  path: string,
  onHeader: (header: CsvHeader) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<CsvFileSummary> {
  const file = basename(path);
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  // papaparse decodes Buffer chunks one at a time, which would split a
  // multi-byte character (å, ä, ö) that straddles two chunks; decoding here
  // keeps characters whole and lets the hash see the raw bytes.
  const decoded = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      const text = decoder.write(chunk);
      if (text.length > 0) this.push(text);
      callback();
    },
    flush(callback) {
      const text = decoder.end();
      if (text.length > 0) this.push(text);
      callback();
    },
  });

  return new Promise<CsvFileSummary>((resolve, reject) => {
    let line = 1;
    let rows = 0;
    let headerSeen = false;
    let failure: unknown;
    let delimiter = ',';
    const source = createReadStream(path);
    source.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= new DataError({ file, expected: `a readable file (${error.code ?? error.message})` });
      reject(failure);
    });
    source.pipe(decoded);

    Papa.parse<string[]>(decoded as unknown as File, {
      header: false,
      skipEmptyLines: false,
      delimitersToGuess: [',', ';', '\t'],
      step(result, parser) {
        if (failure !== undefined) return;
        const fields = result.data;
        const startLine = line;
        line += 1 + countNewlines(fields);
        try {
          if (!headerSeen) {
            headerSeen = true;
            delimiter = result.meta.delimiter;
            const names = fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
            onHeader({ names, delimiter });
            return;
          }
          if (fields.length === 1 && fields[0] === '') return;
          rows++;
          onRow(fields, startLine);
        } catch (error) {
          failure = error;
          parser.abort();
          source.destroy();
          reject(error);
        }
      },
      complete() {
        if (failure !== undefined) return;
        if (!headerSeen) {
          reject(new DataError({ file, line: 1, expected: 'a header line with column names' }));
          return;
        }
        resolve({ file, sha256: hash.digest('hex'), rows, delimiter });
      },
      error(error: Error) {
        if (failure !== undefined) return;
        failure = new DataError({ file, expected: `readable CSV (${error.message})` });
        reject(failure);
      },
    });
  });
}

function countNewlines(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}
