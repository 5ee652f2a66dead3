/**
 * Which decimal mark a file's numbers use. The first number that shows a
 * mark (`12 345,50` or `12345.50`) decides; integers show none, and a file
 * of integers only has no decimal mark to report. A later number that shows
 * the other mark is a data error: in a file that mixes them, `1,234` could be
 * a thousand or one and a bit, and the reader will not pick one silently.
 */
import type { CsvRow } from './byteScanner.js';
import { integerFromBytes } from './byteNumbers.js';
import { decimalMarkOf, parseNumber, type DecimalMark } from './numbers.js';

export class FileDecimalMark {
  private detected: DecimalMark | undefined;
  private detectedOnLine = 0;

  /** The file's decimal mark; undefined while no number has shown one. */
  get mark(): DecimalMark | undefined {
    return this.detected;
  }

  /** Notes the mark `text` shows; false when it is the other one than the file's. */
  note(text: string, line: number): boolean {
    return this.noteShown(decimalMarkOf(text), line);
  }

  /** `note` for a text whose mark (decimalMarkOf) is known already. */
  noteShown(shown: DecimalMark | undefined, line: number): boolean {
    if (shown === undefined || shown === this.detected) return true;
    if (this.detected !== undefined) return false;
    this.detected = shown;
    this.detectedOnLine = line;
    return true;
  }

  /** The value of a numeric field; undefined when it is not a number written with the file's mark. */
  parse(text: string, line: number): number | undefined {
    if (!this.note(text, line)) return undefined;
    return parseNumber(text, this.detected ?? '.');
  }

  /** `parse` of field `i` of a row (its text without surrounding blanks); plain integers are read from the bytes. */
  parseField(row: CsvRow, i: number): number | undefined {
    if (row.trim(i)) {
      // An integer shows no mark, so it changes nothing `note` keeps.
      const value = integerFromBytes(row.bytes, row.from, row.to);
      if (!Number.isNaN(value)) return value;
    }
    return this.parse(row.trimmedText(i), row.line);
  }

  /** What a field that `parse` refused should have held (error path only). */
  expected(what: string): string {
    if (this.detected === undefined) return `${what}: a number such as 12345.50 or 12 345,50`;
    const example = this.detected === ',' ? '12 345,50' : '12345.50';
    return `${what}: a number with the decimal mark '${this.detected}' like the file's other numbers (first on line ${this.detectedOnLine}), e.g. ${example}`;
  }
}
