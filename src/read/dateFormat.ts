/**
 * Which date format a file uses. Extracts write dates as ISO `YYYY-MM-DD`
 * or, register style, `YYYYMMDD`; both mean the same calendar day
 * (parseDay reads either). A file uses one of them in every date column:
 * the first valid date decides, and a date in the other format is a data
 * error, because a file that mixes them is usually two extracts pasted
 * together, which deserves a look before an analysis rests on it.
 */
import { parseDay, type Day } from '../time/days.js';
import type { CsvRow } from './byteScanner.js';
import { dayFromBytes, NO_DAY } from './byteDates.js';

export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD';

/** The format a date text is written in, by its shape (whether the date exists aside). */
export function dateFormatOf(text: string): DateFormat | undefined {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) return 'YYYY-MM-DD';
  if (text.length === 8 && /^\d{8}$/.test(text)) return 'YYYYMMDD';
  return undefined;
}

/** The date format of one file, learnt from its first valid date. */
export class FileDateFormat {
  private detected: DateFormat | undefined;
  private detectedOnLine = 0;

  /** The file's format; undefined when it holds no valid date. */
  get format(): DateFormat | undefined {
    return this.detected;
  }

  /**
   * The day a date field holds; undefined when it is not a date that exists
   * or when it is written in the other format than the file's (say why with
   * `expected`). Cheap per row: parseDay and a length test.
   */
  parse(text: string, line: number): Day | undefined {
    const day = parseDay(text);
    if (day === undefined) return undefined;
    return this.accept(day, text.length === 10 ? 'YYYY-MM-DD' : 'YYYYMMDD', line);
  }

  /**
   * `parse` of field `i` of a row (its text without surrounding blanks),
   * read straight from the bytes unless the field needs decoding first.
   */
  parseField(row: CsvRow, i: number): Day | undefined {
    if (!row.trim(i)) return this.parse(row.text(i).trim(), row.line);
    const day = dayFromBytes(row.bytes, row.from, row.to);
    if (day === NO_DAY) return undefined;
    return this.accept(day, row.to - row.from === 10 ? 'YYYY-MM-DD' : 'YYYYMMDD', row.line);
  }

  private accept(day: Day, format: DateFormat, line: number): Day | undefined {
    if (format === this.detected) return day;
    if (this.detected !== undefined) return undefined;
    this.detected = format;
    this.detectedOnLine = line;
    return day;
  }

  /** What a field that `parse` refused should have held (error path only). */
  expected(text: string, alternative = ''): string {
    const written = dateFormatOf(text);
    if (this.detected !== undefined && written !== undefined && written !== this.detected && parseDay(text) !== undefined) {
      return `a date written ${this.detected} like the file's other dates (first on line ${this.detectedOnLine}): the file mixes YYYY-MM-DD and YYYYMMDD`;
    }
    const format = this.detected ?? written ?? 'YYYY-MM-DD or YYYYMMDD';
    return `a date ${format} that exists${alternative}`;
  }
}
