/**
 * The field delimiter and line end of a CSV file, read from its header line
 * before parsing starts, and handed to the scanner (byteScanner.ts) instead
 * of letting it guess: the choice is explicit, reported, and an ambiguous
 * header stops the read instead of being guessed at.
 */
import { open } from 'node:fs/promises';
import { DataError } from '../errors.js';

export type Delimiter = ',' | ';' | '\t';
export type LineEnd = '\n' | '\r\n' | '\r';

export interface HeaderLayout {
  delimiter: Delimiter;
  newline: LineEnd;
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** How far to look for the end of the header line. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * The first bytes of a file, up to and including the end of its header line
 * (or the whole file when it is shorter, or the first MiB when the header
 * line is longer). Read with a file handle of its own; the streamed read
 * that follows starts again from byte 0.
 */
export async function readHeaderBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    let bytes = Buffer.alloc(0);
    const block = Buffer.alloc(64 * 1024);
    while (bytes.length < MAX_HEADER_BYTES) {
      const { bytesRead } = await handle.read(block, 0, block.length, bytes.length);
      if (bytesRead === 0) break;
      bytes = Buffer.concat([bytes, block.subarray(0, bytesRead)]);
      if (headerLineEnd(bytes) !== undefined) break;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Where the header line ends (index of its line end) and which line end it uses. */
function headerLineEnd(bytes: Uint8Array): { at: number; newline: LineEnd } | undefined {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted && b === LF) return { at: i, newline: i > 0 && bytes[i - 1] === CR ? '\r\n' : '\n' };
    else if (!quoted && b === CR && i + 1 < bytes.length && bytes[i + 1] !== LF) return { at: i, newline: '\r' };
  }
  return undefined;
}

/**
 * The delimiter: the one candidate (`,` `;` tab) that occurs in the header
 * line outside quotes. A header with none is a one-column file (`,`); a
 * header with two kinds is refused, naming the counts.
 */
export function headerLayout(file: string, head: Uint8Array): HeaderLayout {
  const end = headerLineEnd(head);
  const lineLength = end?.at ?? head.length;
  const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < lineLength; i++) {
    const b = head[i];
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted) {
      const c = String.fromCharCode(b) as Delimiter;
      const count = counts.get(c);
      if (count !== undefined) counts.set(c, count + 1);
    }
  }
  const found = CANDIDATES.filter((d) => counts.get(d)! > 0);
  if (found.length > 1) {
    const listed = found.map((d) => `${counts.get(d)} × ${delimiterName(d)}`).join(', ');
    throw new DataError({
      file,
      line: 1,
      expected: `one field delimiter in the header line, found ${listed} outside quotes: separate every column with the same delimiter (comma, semicolon or tab) and put a name that contains another one in double quotes`,
    });
  }
  return { delimiter: found[0] ?? ',', newline: end?.newline ?? '\n' };
}

/** A delimiter as words, for messages: `','`, `';'` or `tab`. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/** UTF-16 (Excel's "Unicode text") starts with FF FE or FE FF: refused with advice rather than read as garbage. */
export function refuseUtf16(file: string, head: Uint8Array): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new DataError({ file, line: 1, expected: 'a text file in UTF-8 or Windows-1252 (this one is UTF-16, e.g. Excel\'s "Unicode text"): save it as "CSV UTF-8"' });
  }
}
