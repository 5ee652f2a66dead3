/**
 * A CSV tokenizer over bytes: rows come out as byte ranges of the chunk
 * they were read in, not as strings.
 *
 * Hand-coded instead of papaparse, which the readers used before: papaparse
 * needs the whole text decoded into JS strings first, cuts a string for
 * every field and hands over a fresh array per row, and at national scale
 * (tens of millions of fields) that, not the disk, was the bottleneck
 * (83 MB/s measured on spells.csv). Here the delimiters, quotes and line
 * ends are found on the raw bytes (all ASCII, and in UTF-8 and
 * Windows-1252 an ASCII byte is always that character), and a reader parses
 * dates and numbers straight from the bytes and makes a string only for a
 * value it keeps.
 *
 * The rules are papaparse's for the delimiter and line end it was given,
 * so files read as before (the tests compare the two on the same text):
 * - a field that starts with `"` is quoted: it may hold delimiters, line
 *   ends and `""` for one quote; it ends at a quote followed by the
 *   delimiter, the line end or the end of the file, blanks in between
 *   allowed (`"a" ,`); any other quote in it is kept as written;
 * - a quoted field left open runs to the end of the file, as written;
 * - a quote elsewhere in a field is an ordinary character;
 * - only the file's own line end ends a row: in a CRLF file a lone LF or CR
 *   is part of the field (and a lone LF still counts as a line for the line
 *   numbers in messages);
 * - a last line without a line end is a row; a line end at the very end
 *   adds none.
 * One difference: after a closing quote only ASCII blanks are skipped
 * (papaparse skips any Unicode blank, e.g. a no-break space, there).
 */
import { decodeRange } from './byteText.js';
import type { Delimiter, LineEnd } from './headerLine.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * One row, as byte ranges into `bytes`. The scanner fills the same object
 * for every row and the ranges are valid only during the row callback: a
 * reader copies out what it keeps (numbers, or a string from `text`).
 */
export class CsvRow {
  /** The chunk the ranges index. */
  bytes: Buffer = Buffer.alloc(0);
  /** Number of fields. */
  count = 0;
  /** 1-based line where the row starts (the header is line 1). */
  line = 0;
  /** Field i is bytes[starts[i], ends[i]), quotes around it left out. */
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** 1 when field i holds quotes, so `""` must become `"` in its text. */
  escaped = new Uint8Array(16);
  /** Whether the file is Windows-1252 (else UTF-8, ASCII included); set by the file reader. */
  windows1252 = false;
  /** The range `trim` narrowed a field to. */
  from = 0;
  to = 0;

  /** The text of field i as written (quotes undone, blanks kept): what papaparse returned. */
  text(i: number): string {
    const text = decodeRange(this.bytes, this.starts[i], this.ends[i], this.windows1252);
    return this.escaped[i] === 1 ? text.replaceAll('""', '"') : text;
  }

  /** The text of field i without surrounding blanks (`String.prototype.trim`). */
  trimmedText(i: number): string {
    return this.trim(i) ? decodeRange(this.bytes, this.from, this.to, this.windows1252) : this.text(i).trim();
  }

  /** Whether field i is empty or blank. */
  isEmpty(i: number): boolean {
    return this.trim(i) ? this.from === this.to : this.text(i).trim() === '';
  }

  /**
   * Narrows field i to [from, to) without its surrounding blanks, when
   * that can be done on the bytes: true when the field has no `""` to undo
   * and the characters at both ends of the trimmed bytes cannot be blanks
   * outside ASCII (a no-break space, U+2000…, U+3000, U+FEFF), so that the
   * bytes hold exactly `trimmedText(i)`. False means: use `trimmedText(i)`.
   */
  trim(i: number): boolean {
    if (this.escaped[i] === 1) return false;
    const bytes = this.bytes;
    let from = this.starts[i];
    let to = this.ends[i];
    while (from < to && isAsciiBlank(bytes[from])) from++;
    while (to > from && isAsciiBlank(bytes[to - 1])) to--;
    this.from = from;
    this.to = to;
    if (from === to || (bytes[from] < 0x80 && bytes[to - 1] < 0x80)) return true;
    return this.windows1252 ? bytes[from] !== NO_BREAK_SPACE && bytes[to - 1] !== NO_BREAK_SPACE : !utf8BlankAtEdge(bytes, from, to);
  }

  /** A line with nothing on it (papaparse's single empty field). */
  get blank(): boolean {
    return this.count === 1 && this.starts[0] === this.ends[0];
  }

  /** Every field's text as written (for readers that want strings). */
  texts(): string[] {
    const fields = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) fields[i] = this.text(i);
    return fields;
  }

  /** Makes room for field index `i`. */
  reserve(i: number): void {
    if (i < this.starts.length) return;
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }
}

/** Windows-1252's only blank outside ASCII. */
const NO_BREAK_SPACE = 0xa0;

/**
 * Whether the first or last character of UTF-8 bytes[from, to) may be a
 * blank outside ASCII: those all start with C2 (U+00A0), E1 (U+1680),
 * E2 (U+2000…U+205F), E3 (U+3000) or EF (U+FEFF). Å, Ä, Ö and the other
 * letters of Latin-1 start with C3, so they pass.
 */
function utf8BlankAtEdge(bytes: Uint8Array, from: number, to: number): boolean {
  if (bytes[from] >= 0x80 && mayStartBlank(bytes[from])) return true;
  if (bytes[to - 1] < 0x80) return false;
  let lead = to - 1;
  while (lead > from && (bytes[lead] & 0xc0) === 0x80) lead--;
  return mayStartBlank(bytes[lead]);
}

function mayStartBlank(lead: number): boolean {
  return lead === 0xc2 || lead === 0xe1 || lead === 0xe2 || lead === 0xe3 || lead === 0xef;
}

/** The blanks `String.prototype.trim` removes that are ASCII (tab, line ends, space). */
export function isAsciiBlank(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * Finds the rows in a stream of chunks. `scan` reports every row that
 * ends inside the bytes given and returns where the unfinished last row
 * starts: the caller hands those bytes in again, followed by the next
 * chunk (`push` does that for chunks in separate buffers; the file reader
 * places them in front of the next chunk itself, to avoid a copy).
 */
export class CsvByteScanner {
  readonly row = new CsvRow();
  private readonly delimiter: number;
  /** The first byte of the line end (CR for CRLF). */
  private readonly lineEnd: number;
  private readonly crlf: boolean;
  /** The byte whose count gives the line number: LF, or CR in a CR-only file. */
  private readonly lineBreak: number;
  /**
   * 1 for the bytes that end an unquoted field: the delimiter, the first
   * byte of the line end, and LF in a CRLF file (to count it as a line).
   * One table load a byte is faster than three comparisons.
   */
  private readonly stops = new Uint8Array(256);
  private line = 1;
  /** Line breaks inside the fields of the row scanRow found last, and of the field quotedField read last. */
  private breaks = 0;
  private fieldBreaks = 0;
  private started = false;
  private pending: Buffer | undefined;

  constructor(
    delimiter: Delimiter,
    newline: LineEnd,
    private readonly onRow: (row: CsvRow) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.crlf = newline === '\r\n';
    this.lineEnd = newline === '\n' ? LF : CR;
    this.lineBreak = newline === '\r' ? CR : LF;
    this.stops[this.delimiter] = 1;
    this.stops[this.lineEnd] = 1;
    if (this.crlf) this.stops[LF] = 1;
  }

  /** Scans the next chunk; its bytes may be reused once this returns. */
  push(chunk: Buffer): void {
    const bytes = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    const rest = this.scan(bytes, 0, bytes.length, false);
    this.pending = rest < bytes.length ? Buffer.from(bytes.subarray(rest)) : undefined;
  }

  /** Scans what is left at the end of the file. */
  end(): void {
    const bytes = this.pending ?? Buffer.alloc(0);
    this.pending = undefined;
    this.scan(bytes, 0, bytes.length, true);
  }

  /**
   * Reports the rows in bytes[from, to) and returns where the first row
   * that does not end there starts (`to` when none). With `final`, the
   * bytes run to the end of the file and every row ends.
   */
  scan(bytes: Buffer, from: number, to: number, final: boolean): number {
    if (!this.started) {
      // A UTF-8 byte-order mark is no part of the first column's name.
      if (to - from < 3 && !final) return from;
      if (bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf) from += 3;
      this.started = true;
    }
    const row = this.row;
    row.bytes = bytes;
    let rowStart = from;
    while (rowStart < to) {
      const next = this.scanRow(bytes, rowStart, to, final);
      if (next < 0) return rowStart;
      row.line = this.line;
      this.line += 1 + this.breaks;
      this.onRow(row);
      rowStart = next;
    }
    return rowStart;
  }

  /**
   * Fills `row` with the row that starts at `start`; returns the index
   * after its line end, or -1 when the row does not end before `to`.
   */
  private scanRow(bytes: Buffer, start: number, to: number, final: boolean): number {
    const row = this.row;
    const delimiter = this.delimiter;
    const stops = this.stops;
    let starts = row.starts;
    let ends = row.ends;
    let escaped = row.escaped;
    let count = 0;
    let breaks = 0;
    let p = start;
    for (;;) {
      if (count === starts.length) {
        row.reserve(count);
        starts = row.starts;
        ends = row.ends;
        escaped = row.escaped;
      }
      if (p < to && bytes[p] === QUOTE) {
        const next = this.quotedField(bytes, p, to, final, count);
        if (next === INCOMPLETE) return -1;
        count++;
        breaks += this.fieldBreaks;
        if (next >= 0) {
          p = next;
          continue;
        }
        return this.rowEnds(count, breaks, -next - 1);
      }
      let i = p;
      let b = 0;
      for (;;) {
        while (i < to && stops[bytes[i]] === 0) i++;
        if (i >= to) break;
        b = bytes[i];
        if (b === delimiter || !this.crlf) break;
        // CRLF file: a lone LF (counted as a line) or CR belongs to the field.
        if (b === LF) breaks++;
        else if (i + 1 >= to && !final) return -1;
        else if (i + 1 < to && bytes[i + 1] === LF) break;
        i++;
      }
      starts[count] = p;
      escaped[count] = 0;
      if (i >= to) {
        if (!final) return -1;
        ends[count] = to;
        return this.rowEnds(count + 1, breaks, to);
      }
      ends[count] = i;
      count++;
      if (b === delimiter) {
        p = i + 1;
        continue;
      }
      return this.rowEnds(count, breaks, this.crlf ? i + 2 : i + 1);
    }
  }

  private rowEnds(count: number, breaks: number, next: number): number {
    this.row.count = count;
    this.breaks = breaks;
    return next;
  }

  /**
   * Reads the quoted field whose opening quote is at `open` into field
   * `index`. Returns the start of the next field after a delimiter, or
   * -(end of the row + 1) when the row ends with this field, or INCOMPLETE.
   */
  private quotedField(bytes: Buffer, open: number, to: number, final: boolean, index: number): number {
    const lineBreak = this.lineBreak;
    let breaks = 0;
    let quotes = 0;
    let i = open + 1;
    for (;;) {
      while (i < to && bytes[i] !== QUOTE) {
        if (bytes[i] === lineBreak) breaks++;
        i++;
      }
      this.fieldBreaks = breaks;
      if (i >= to) {
        if (!final) return INCOMPLETE;
        // Never closed: the rest of the file, as written.
        this.field(index, open + 1, to, 0);
        return -to - 1;
      }
      if (i + 1 >= to) {
        if (!final) return INCOMPLETE;
        this.field(index, open + 1, i, quotes);
        return -to - 1;
      }
      if (bytes[i + 1] === QUOTE) {
        quotes = 1;
        i += 2;
        continue;
      }
      // A closing quote is followed by the delimiter or the line end, blanks allowed in between.
      let j = i + 1;
      let lineEndLength = 0;
      for (; j < to; j++) {
        const b = bytes[j];
        if (b === this.delimiter) break;
        lineEndLength = this.lineEndAt(bytes, j, to, final);
        if (lineEndLength !== 0 || !isAsciiBlank(b)) break;
      }
      if (lineEndLength < 0 || (j >= to && !final)) return INCOMPLETE;
      if (j < to && bytes[j] === this.delimiter) {
        this.field(index, open + 1, i, quotes);
        return j + 1;
      }
      if (lineEndLength > 0) {
        this.field(index, open + 1, i, quotes);
        return -(j + lineEndLength) - 1;
      }
      // Not a closing quote: kept in the field, as papaparse keeps it.
      quotes = 1;
      i++;
    }
  }

  /** The length of the line end at bytes[j] (0 when there is none), or -1 when the chunk ends before that is known. */
  private lineEndAt(bytes: Buffer, j: number, to: number, final: boolean): number {
    const b = bytes[j];
    if (b !== this.lineEnd) return 0;
    if (!this.crlf) return 1;
    if (j + 1 >= to) return final ? 0 : -1;
    return bytes[j + 1] === LF ? 2 : 0;
  }

  private field(index: number, start: number, end: number, escaped: number): void {
    const row = this.row;
    row.starts[index] = start;
    row.ends[index] = end;
    row.escaped[index] = escaped;
  }
}

const INCOMPLETE = -0x7fffffff;
