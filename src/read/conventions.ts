/**
 * The conventions detected in an input file, for provenance (results.json
 * `inputs`) and for the one progress line per file that says how it was read.
 */
import type { InputFile } from '../results.js';
import type { CsvFileSummary } from './csvStream.js';
import type { DateFormat } from './dateFormat.js';
import { delimiterName } from './headerLine.js';
import type { DecimalMark } from './numbers.js';

/** The summary with what a reader learnt from the values; conventions it did not find stay absent. */
export function withDetected(source: CsvFileSummary, detected: { dateFormat?: DateFormat; decimalMark?: DecimalMark }): CsvFileSummary {
  const result: CsvFileSummary = { ...source };
  if (detected.dateFormat !== undefined) result.dateFormat = detected.dateFormat;
  if (detected.decimalMark !== undefined) result.decimalMark = detected.decimalMark;
  return result;
}

/** `participants.csv: windows-1252, delimiter ';', CRLF line ends, dates YYYYMMDD, decimal mark ','` */
export function describeConventions(source: CsvFileSummary): string {
  const parts: string[] = [source.encoding, `delimiter ${delimiterName(source.delimiter)}`];
  if (source.newline !== '\n') parts.push(`${source.newline === '\r\n' ? 'CRLF' : 'CR'} line ends`);
  if (source.dateFormat !== undefined) parts.push(`dates ${source.dateFormat}`);
  if (source.decimalMark !== undefined) parts.push(`decimal mark '${source.decimalMark}'`);
  return `${source.file}: ${parts.join(', ')}`;
}

/** The results.json provenance of one input file (results-schema `inputs`). */
export function inputFileOf(source: CsvFileSummary): InputFile {
  const input: InputFile = { file: source.file, sha256: source.sha256, rows: source.rows, encoding: source.encoding, delimiter: source.delimiter };
  if (source.dateFormat !== undefined) input.date_format = source.dateFormat;
  if (source.decimalMark !== undefined) input.decimal_mark = source.decimalMark;
  return input;
}
