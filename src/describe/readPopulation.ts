/**
 * Reads one population file (a participants-like CSV: one row per person,
 * a `person_id` column, any other columns). Keeps every column's text, for
 * the column rules that look at all values, and the line of each row, for
 * data-error messages. Person ids are checked (present, unique) and then
 * dropped: nothing downstream can write one.
 */
import { DataError } from '../errors.js';
import { columnLabel, locateColumns } from '../read/columns.js';
import { streamCsv, type CsvFileSummary, type CsvHeader } from '../read/csvStream.js';
import type { IssueCollector } from '../read/issues.js';

export interface PopulationColumn {
  /** As written in the header. */
  name: string;
  /** Trimmed field text per person; '' = missing. */
  values: string[];
}

export interface PopulationData {
  name: string;
  source: CsvFileSummary;
  /** Columns by lowercase name (names match case-insensitively), person_id left out, in header order. */
  columns: Map<string, PopulationColumn>;
  /** 1-based file line of each person's row, for messages. */
  lines: number[];
  count: number;
}

export const ID_COLUMN = 'person_id';

/**
 * Reads `path`; problems with rows go to `issues` (so every file can be
 * fixed in one pass), a file that cannot be read at all throws DataError.
 */
export async function readPopulation(path: string, name: string, issues: IssueCollector): Promise<PopulationData> {
  let header!: CsvHeader;
  let file = '';
  let idIndex = -1;
  const texts: string[][] = [];
  const lines: number[] = [];
  const firstLineOf = new Map<string, number>();

  const source = await streamCsv(
    path,
    (h) => {
      header = h;
      file = fileName(path);
      idIndex = locateColumns(file, h, [ID_COLUMN], [], {})[ID_COLUMN];
      for (let c = 0; c < h.names.length; c++) texts.push([]);
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        // The row itself is not shown: it holds a person id.
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const id = fields[idIndex].trim();
      const column = columnLabel(header, idIndex);
      if (id === '') issues.add({ file, line, column, value: id, expected: 'a person id' });
      else if (firstLineOf.has(id)) issues.add({ file, line, column, expected: `a unique person id (the same id as on line ${firstLineOf.get(id)}; ids are not shown)` });
      else firstLineOf.set(id, line);
      for (let c = 0; c < fields.length; c++) if (c !== idIndex) texts[c].push(fields[c].trim());
      lines.push(line);
    },
  );

  const columns = new Map<string, PopulationColumn>();
  header.names.forEach((columnName, c) => {
    if (c !== idIndex) columns.set(columnName.toLowerCase(), { name: columnName, values: texts[c] });
  });
  return { name, source, columns, lines, count: lines.length };
}

/** The file's base name: messages and outputs never carry a path. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Reads every file, collecting all their problems before stopping. */
export async function readPopulations(files: readonly { path: string; name: string }[], issues: IssueCollector): Promise<PopulationData[]> {
  const populations: PopulationData[] = [];
  for (const { path, name } of files) {
    try {
      populations.push(await readPopulation(path, name, issues));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      for (const issue of error.issues) issues.add(issue);
    }
  }
  return populations;
}
