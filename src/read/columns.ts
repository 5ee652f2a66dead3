import { DataError } from '../errors.js';
import { parseDay } from '../time/days.js';
import type { CsvHeader } from './csvStream.js';
import { parseNumber } from './numbers.js';

/**
 * Finds the contract's columns in a file's header. Names match
 * case-insensitively, after renaming through the config's `columns` map
 * (contract name → the extract's name, e.g. person_id → LopNr).
 * Returns -1 for an optional column that is absent.
 */
export function locateColumns<const R extends string, const O extends string>(
  file: string,
  header: CsvHeader,
  required: readonly R[],
  optional: readonly O[],
  rename: Readonly<Record<string, string>>,
): Record<R | O, number> {
  const positions = new Map<string, number>();
  header.names.forEach((name, i) => {
    const key = name.toLowerCase();
    if (positions.has(key)) {
      throw new DataError({ file, line: 1, column: name, value: name, expected: 'each column name once (duplicate header)' });
    }
    positions.set(key, i);
  });
  const found = {} as Record<R | O, number>;
  const missing: string[] = [];
  for (const name of [...required, ...optional]) {
    const inFile = rename[name] ?? name;
    const index = positions.get(inFile.toLowerCase()) ?? -1;
    if (index < 0 && (required as readonly string[]).includes(name)) {
      missing.push(inFile === name ? name : `${inFile} (mapped from ${name})`);
    }
    found[name] = index;
  }
  if (missing.length > 0) {
    const expected = `required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
    // A file without a header has a data row on line 1, person id included: show it only when it reads as names.
    if (looksLikeData(header.names)) {
      throw new DataError({ file, line: 1, column: missing.join(', '), expected: `${expected} in a header line (line 1 holds a date or a number, so it looks like data; its values are withheld)` });
    }
    throw new DataError({ file, line: 1, column: missing.join(', '), value: header.names.join(header.delimiter), expected });
  }
  return found;
}

/** The name a contract column has in the file, for messages. */
export function columnLabel(header: CsvHeader, index: number): string {
  return header.names[index] ?? `#${index + 1}`;
}

/** Whether a header line is a data row: column names are never dates or numbers. */
function looksLikeData(names: readonly string[]): boolean {
  return names.some((name) => parseDay(name) !== undefined || parseNumber(name, '.') !== undefined || parseNumber(name, ',') !== undefined);
}
