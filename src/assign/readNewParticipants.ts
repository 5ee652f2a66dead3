/**
 * NEW.csv for `eval assign`: the persons to randomize, one row each, with
 * person_id, the block column when the design is stratified, optionally
 * randomized_on and any covariates. Ids are pseudonymized, but messages
 * still name only lines, never ids.
 */
import { basename } from 'node:path';
import { resolveConfig } from '../config/resolve.js';
import type { ResolvedConfig } from '../config/types.js';
import { DataError, UsageError } from '../errors.js';
import { columnLabel, locateColumns } from '../read/columns.js';
import { streamCsv, type CsvHeader } from '../read/csvStream.js';
import { IssueCollector } from '../read/issues.js';
import { formatDay, parseDay } from '../time/days.js';
import { contractNames, fileName } from './contractNames.js';

export interface NewPerson {
  /** 1-based line in NEW.csv (header = line 1). */
  line: number;
  /** The row's fields as read. */
  fields: string[];
  id: string;
  /** Block value, '' when the design is not stratified. */
  stratum: string;
  /** ISO date of randomization (from the file, else --date). */
  randomizedOn: string;
}

export interface NewParticipants {
  file: string;
  header: CsvHeader;
  config: ResolvedConfig;
  /** Column positions in NEW.csv; -1 when absent. */
  columns: { personId: number; block: number; randomizedOn: number };
  persons: NewPerson[];
}

export interface NewParticipantsOptions {
  /** The raw config (file content), resolved once the header shows which columns exist. */
  config: unknown;
  configSource?: string;
  /** ISO date for rows without their own randomized_on. */
  date?: string;
}

export async function readNewParticipants(path: string, options: NewParticipantsOptions): Promise<NewParticipants> {
  const file = basename(path);
  const issues = new IssueCollector();
  const persons: NewPerson[] = [];
  const lineOf = new Map<string, number>();
  let header!: CsvHeader;
  let config!: ResolvedConfig;
  let columns!: NewParticipants['columns'];

  await streamCsv(
    path,
    (h) => {
      header = h;
      const rename = resolveConfig(options.config, { source: options.configSource }).columns;
      config = resolveConfig(options.config, { source: options.configSource, participantColumns: contractNames(h, rename) });
      const armName = fileName('arm', config.columns);
      const armAt = h.names.findIndex((n) => n.toLowerCase() === armName.toLowerCase());
      if (armAt >= 0) {
        throw new DataError({ file, line: 1, column: h.names[armAt], expected: 'no arm column: eval assign draws the arms (remove the column)' });
      }
      const found = locateColumns(file, h, ['person_id', ...(config.block ? [config.block] : [])], ['randomized_on'], config.columns);
      columns = {
        personId: found.person_id,
        block: config.block ? found[config.block] : -1,
        randomizedOn: found.randomized_on,
      };
      if (columns.randomizedOn < 0 && options.date === undefined) {
        throw new UsageError(`${file} has no ${fileName('randomized_on', config.columns)} column: give the day of randomization with --date YYYY-MM-DD`);
      }
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const id = fields[columns.personId].trim();
      if (id === '') issues.add({ file, line, column: columnLabel(header, columns.personId), value: '', expected: 'a person id' });
      else if (lineOf.has(id)) {
        // The id itself stays out of the message: the line numbers find it.
        issues.add({ file, line, column: columnLabel(header, columns.personId), expected: `a person id not already on line ${lineOf.get(id)} (duplicate)` });
      } else lineOf.set(id, line);
      const stratum = columns.block >= 0 ? fields[columns.block].trim() : '';
      if (columns.block >= 0 && stratum === '') {
        issues.add({ file, line, column: columnLabel(header, columns.block), value: '', expected: 'a randomization block' });
      }
      const randomizedOn = dateOf(fields, line);
      persons.push({ line, fields, id, stratum, randomizedOn });
    },
  );
  issues.throwIfAny();
  return { file, header, config, columns, persons };

  function dateOf(fields: string[], line: number): string {
    const text = columns.randomizedOn >= 0 ? fields[columns.randomizedOn].trim() : '';
    if (text === '') {
      if (options.date !== undefined) return options.date;
      issues.add({
        file,
        line,
        column: columns.randomizedOn >= 0 ? columnLabel(header, columns.randomizedOn) : 'randomized_on',
        value: '',
        expected: 'a date of randomization: a randomized_on column, or --date YYYY-MM-DD for rows without one',
      });
      return '';
    }
    const day = parseDay(text);
    if (day === undefined) {
      issues.add({ file, line, column: columnLabel(header, columns.randomizedOn), value: text, expected: 'a date YYYY-MM-DD that exists' });
      return '';
    }
    return formatDay(day);
  }
}
