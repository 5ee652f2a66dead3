/**
 * Which columns are described, and how. The rules look at a column's values
 * in all files together, so a column is read the same way in every
 * population:
 *
 * - `person_id` is never described.
 * - Left out unless named in --columns: `arm` and `randomized_on` (the
 *   trial's design, not the population), `municipality` and `block` and the
 *   --by column (place: the rows of the tabulations).
 * - `gender` is K/M (register convention), described as the share K.
 * - Named in --categorical: categories. Named in --numeric: numbers.
 * - `age` and `lss_daily_activity` are numbers (the age groups need age;
 *   lss_daily_activity is 0/1 in the data contract).
 * - More than half of the non-empty values are dates (YYYY-MM-DD or
 *   YYYYMMDD): left out (dates are not described).
 * - More than half of the non-empty values are plain decimal numbers
 *   (`-12`, `0.5`; no leading zero, so codes such as kommun 0180 stay
 *   categories): numbers, and every other non-empty value is a data error.
 * - Otherwise categories. A category column with more than 20 distinct
 *   values that are more than half of its values looks like an identifier
 *   or free text; its levels would print individual-level data, so it is
 *   left out with a warning.
 * - A numeric column whose values are all 0 or 1 is `binary` (a share).
 */
import { UsageError } from '../errors.js';
import { parseDay } from '../time/days.js';
import { ID_COLUMN, type PopulationData } from './readPopulation.js';
import type { ColumnKind, ExcludedColumn } from './types.js';

export interface ColumnChoices {
  /** Columns to describe, in this order (default: all but the left-out ones, in order of first appearance). */
  columns?: readonly string[];
  categorical?: readonly string[];
  numeric?: readonly string[];
  /** The rows variable of the tabulations, when given. */
  by?: string;
}

export interface PlannedColumn {
  /** Lowercase: the key in PopulationData.columns. */
  key: string;
  name: string;
  kind: ColumnKind;
  /** Why non-numbers are errors in this column (the `expected` of the message). */
  expectedNumber?: string;
}

export interface ColumnPlan {
  described: PlannedColumn[];
  excluded: ExcludedColumn[];
  warnings: string[];
}

const DESIGN_COLUMNS = ['arm', 'randomized_on'];
const PLACE_COLUMNS = ['municipality', 'block'];
const CONTRACT_NUMBERS: Record<string, string> = {
  age: 'a number (age in years)',
  lss_daily_activity: '0 or 1 or empty',
};
const IDENTIFIER_MIN_LEVELS = 20;

/** A plain decimal number; a leading zero marks a code (0180), not a number. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

export function planColumns(populations: readonly PopulationData[], choices: ColumnChoices): ColumnPlan {
  const names = new Map<string, string>();
  for (const population of populations) {
    for (const [key, column] of population.columns) if (!names.has(key)) names.set(key, column.name);
  }
  const lower = (list: readonly string[] | undefined) => (list ?? []).map((name) => name.trim().toLowerCase());
  const categorical = new Set(lower(choices.categorical));
  const numeric = new Set(lower(choices.numeric));
  const named = choices.columns === undefined ? undefined : lower(choices.columns);
  const by = choices.by?.trim().toLowerCase();

  for (const [flag, list] of [['--columns', named ?? []], ['--categorical', [...categorical]], ['--numeric', [...numeric]]] as const) {
    for (const key of list) {
      if (key === ID_COLUMN) throw new UsageError(`${flag}: ${ID_COLUMN} is never described`);
      if (!names.has(key)) throw new UsageError(`${flag} names ${JSON.stringify(key)}, which none of the files has`);
    }
  }
  for (const key of categorical) if (numeric.has(key)) throw new UsageError(`${key} is named in both --categorical and --numeric`);
  if (numeric.has('gender')) throw new UsageError('gender is K/M and cannot be --numeric');

  const excluded: ExcludedColumn[] = [];
  const warnings: string[] = [];
  let candidates: string[];
  if (named !== undefined) {
    candidates = [...new Set(named)];
  } else {
    candidates = [];
    for (const key of names.keys()) {
      if (DESIGN_COLUMNS.includes(key)) excluded.push({ name: names.get(key)!, reason: 'trial design, not a characteristic of the population' });
      else if (PLACE_COLUMNS.includes(key) || key === by) excluded.push({ name: names.get(key)!, reason: 'place: the rows of the tabulations' });
      else candidates.push(key);
    }
  }

  const described: PlannedColumn[] = [];
  for (const key of candidates) {
    const name = names.get(key)!;
    const values = populations.flatMap((p) => p.columns.get(key)?.values ?? []).filter((v) => v !== '');
    const planned = classify(key, name, values, categorical.has(key), numeric.has(key));
    if ('reason' in planned) {
      excluded.push(planned);
      if (planned.warn) warnings.push(`column ${name} ${planned.reason}`);
    } else {
      described.push(planned);
    }
  }
  return { described, excluded: excluded.map(({ name, reason }) => ({ name, reason })), warnings };
}

function classify(
  key: string,
  name: string,
  values: string[],
  forcedCategorical: boolean,
  forcedNumeric: boolean,
): PlannedColumn | (ExcludedColumn & { warn: boolean }) {
  if (key === 'gender') return { key, name, kind: 'gender' };
  const numbers = values.filter(isNumberText).length;
  const allBinary = values.length > 0 && values.every((v) => v === '0' || v === '1');
  const asNumber = (expectedNumber: string): PlannedColumn => ({ key, name, kind: allBinary ? 'binary' : 'numeric', expectedNumber });
  if (forcedCategorical) return categories(key, name, values);
  if (forcedNumeric) return asNumber('a number (the column is named in --numeric)');
  if (key in CONTRACT_NUMBERS) {
    return key === 'lss_daily_activity' ? { key, name, kind: 'binary', expectedNumber: CONTRACT_NUMBERS[key] } : asNumber(CONTRACT_NUMBERS[key]);
  }
  const dates = values.filter((v) => parseDay(v) !== undefined).length;
  if (values.length > 0 && dates * 2 > values.length) return { name, reason: 'holds dates, which are not described', warn: false };
  if (values.length > 0 && numbers * 2 > values.length) {
    return asNumber('a number (most values in this column are numbers; name it in --categorical to describe it as categories)');
  }
  return categories(key, name, values);
}

/** Even when named in --categorical: an identifier's levels are individual-level data. */
function categories(key: string, name: string, values: string[]): PlannedColumn | (ExcludedColumn & { warn: boolean }) {
  const distinct = new Set(values).size;
  if (distinct > IDENTIFIER_MIN_LEVELS && distinct * 2 > values.length) {
    return { name, reason: `looks like an identifier or free text (${distinct} distinct values): left out, since its values would be printed`, warn: true };
  }
  return { key, name, kind: 'categorical' };
}
