/**
 * Reads a CSV file row by row in chunks of bytes (byteScanner.ts), so a
 * file of tens of millions of rows is never held whole, as bytes or as one
 * string. The file's bytes are hashed (sha256, for provenance) and checked
 * for one encoding in the same pass.
 *
 * The file's conventions are settled once, before or while the first bytes
 * pass, never per row: the delimiter and line end from the header line
 * (headerLine.ts), the encoding from the first bytes that are not ASCII
 * (encoding.ts). They are reported in the summary.
 */
import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataError } from '../errors.js';
import { CsvByteScanner, type CsvRow } from './byteScanner.js';
import type { DateFormat } from './dateFormat.js';
import type { DecimalMark } from './numbers.js';
import { EncodingMismatch, ExtractEncoding, type TextEncodingName } from './encoding.js';
import { headerLayout, readHeaderBytes, refuseUtf16, type Delimiter, type LineEnd } from './headerLine.js';

export type { CsvRow } from './byteScanner.js';

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

export interface CsvReadOptions {
  /** Bytes per read; small values are for tests of chunk boundaries. */
  chunkBytes?: number;
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
  options: CsvReadOptions = {},
): Promise<CsvFileSummary> {
  return scanCsv(path, onHeader, (row) => onRow(row.texts(), row.line), options);
}

/**
 * streamCsv for readers of large files: `onRow` gets the row as byte ranges
 * (CsvRow, valid only during the call; `row.line` is its line), so that a
 * reader makes strings only for the values it keeps.
 */
export async function scanCsv(
  path: string,
  onHeader: (header: CsvHeader) => void,
  onRow: (row: CsvRow) => void,
  options: CsvReadOptions = {},
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
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    return await scanFile(handle, path, file, delimiter, newline, onHeader, onRow, options.chunkBytes ?? CHUNK_BYTES);
  } finally {
    await handle.close();
  }
}

/** Large enough that a read costs little per byte, small enough that hashing, checking and scanning a chunk stay in cache. */
const CHUNK_BYTES = 256 * 1024;
/**
 * Room in front of each chunk for the unfinished last row of the one
 * before, so that the row continues in one buffer without copying the
 * chunk; a longer row (a huge quoted field) is joined by a copy instead.
 */
const HEADROOM = 64 * 1024;

async function scanFile(
  handle: FileHandle,
  path: string,
  file: string,
  delimiter: Delimiter,
  newline: LineEnd,
  onHeader: (header: CsvHeader) => void,
  onRow: (row: CsvRow) => void,
  chunkBytes: number,
): Promise<CsvFileSummary> {
  const hash = createHash('sha256');
  const encoding = new ExtractEncoding();
  let headerSeen = false;
  let rows = 0;
  const scanner = new CsvByteScanner(delimiter, newline, (row) => {
    if (!headerSeen) {
      headerSeen = true;
      const names = row.texts().map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
      onHeader({ names, delimiter });
      return;
    }
    if (row.blank) return;
    rows++;
    onRow(row);
  });

  // Two buffers: the next chunk is read into one while the other is scanned.
  const buffers = [Buffer.allocUnsafe(HEADROOM + chunkBytes), Buffer.allocUnsafe(HEADROOM + chunkBytes)];
  let position = 0;
  let which = 0;
  let carried = 0;
  let spilled: Buffer | undefined;
  let pending = handle.read(buffers[0], HEADROOM, chunkBytes, 0);
  let inFlight = true;
  try {
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending);
      } catch (error) {
        throw unreadable(file, error);
      } finally {
        inFlight = false;
      }
      const buffer = buffers[which];
      const fresh = buffer.subarray(HEADROOM, HEADROOM + bytesRead);
      position += bytesRead;
      const final = bytesRead === 0;
      if (!final) {
        pending = handle.read(buffers[1 - which], HEADROOM, chunkBytes, position);
        inFlight = true;
      }
      hash.update(fresh);
      try {
        encoding.take(fresh, final);
      } catch (error) {
        throw decodingError(path, file, error);
      }
      scanner.row.windows1252 = encoding.windows1252;
      let bytes = buffer;
      let from = HEADROOM - carried;
      let to = HEADROOM + bytesRead;
      if (spilled !== undefined) {
        bytes = Buffer.concat([spilled, fresh]);
        from = 0;
        to = bytes.length;
        spilled = undefined;
      }
      const rest = scanner.scan(bytes, from, to, final);
      if (final) break;
      carried = to - rest;
      if (carried <= HEADROOM) {
        // The read in flight fills the other buffer from HEADROOM on; the room before it is free.
        bytes.copy(buffers[1 - which], HEADROOM - carried, rest, to);
      } else {
        spilled = Buffer.from(bytes.subarray(rest, to));
        carried = 0;
      }
      which = 1 - which;
    }
  } finally {
    // Close only after a read still in flight has finished with the buffer.
    if (inFlight) await pending.catch(() => undefined);
  }
  if (!headerSeen) throw new DataError({ file, line: 1, expected: 'a header line with column names' });
  return { file, sha256: hash.digest('hex'), rows, delimiter, encoding: encoding.encoding, newline };
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
