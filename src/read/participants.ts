/**
 * participants.csv (data-contract §1): one row per randomized person.
 */
import type { ResolvedConfig } from '../config/types.js';
import { columnLabel, locateColumns } from './columns.js';
import { withDetected } from './conventions.js';
import { streamCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { FileDateFormat } from './dateFormat.js';
import { FileDecimalMark } from './decimalMark.js';
import { IdentityNumberScreen } from './identityScreen.js';
import { IssueCollector } from './issues.js';
import { GrowableInt32 } from './growable.js';

/** A categorical participant column: level codes per person, -1 = missing. */
export interface CategoricalColumn {
  levels: string[];
  codes: Int32Array;
}

export interface Participants {
  source: CsvFileSummary;
  count: number;
  /** Pseudonymized ids, kept only to join spells; never written to a report. */
  ids: string[];
  indexOf: Map<string, number>;
  /** Index into config.arms. */
  arm: Uint8Array;
  randomizedOn: Int32Array;
  /** Randomization block per person (a single level 0 when there is none). */
  block: CategoricalColumn;
  /** Subgroup columns by name, in config.subgroups order. */
  subgroups: Map<string, CategoricalColumn>;
  /**
   * Raw text of covariate and person-outcome columns, for the estimators that
   * use them: parse numbers with parseNumber(text, source.decimalMark ?? '.').
   */
  extraColumns: Map<string, string[]>;
  /** Line of participants.csv each person came from (the header is line 1), for messages about derived values. */
  lines: Int32Array;
}

const VALIDATED_LEVELS: Record<string, { allowed: readonly string[]; expected: string }> = {
  gender: { allowed: ['K', 'M'], expected: 'K or M (woman, man) or empty' },
  lss_daily_activity: { allowed: ['0', '1'], expected: '0 or 1 or empty' },
};

/**
 * Reads participants.csv. `plan` is the resolved config, or a resolver
 * called once the header shows which columns exist (the default `block`
 * depends on that).
 */
export interface PlanFromHeader {
  /** The config's `columns` renaming (contract name → name in the file). */
  columns: Readonly<Record<string, string>>;
  resolve(canonicalColumns: string[]): ResolvedConfig;
}

export async function readParticipants(
  path: string,
  plan: ResolvedConfig | PlanFromHeader,
): Promise<{ participants: Participants; config: ResolvedConfig }> {
  const issues = new IssueCollector();
  let config!: ResolvedConfig;
  let header!: CsvHeader;
  let file = '';
  let col!: Record<'person_id' | 'arm' | 'randomized_on', number>;
  const categoricalNames: string[] = [];
  const categoricalIndex: number[] = [];
  const extraNames: string[] = [];
  const extraIndex: number[] = [];
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const armCodes = new GrowableInt32();
  const randomized = new GrowableInt32();
  const categoricalText: string[][] = [];
  const extraText: string[][] = [];
  let armIndex = new Map<string, number>();
  const lineOfRow: number[] = [];
  const lineOfPerson = (index: number): number => lineOfRow[index];
  const dates = new FileDateFormat();
  const decimals = new FileDecimalMark();
  const identities = new IdentityNumberScreen();

  const source = await streamCsv(
    path,
    (h) => {
      header = h;
      file = pathName(path);
      config = 'resolve' in plan ? plan.resolve(canonicalNames(h, plan.columns)) : plan;
      col = locateColumns(file, h, ['person_id', 'arm', 'randomized_on'], [], config.columns);
      const wanted = unique([...(config.block ? [config.block] : []), ...config.subgroups]);
      const located = locateColumns(file, h, wanted, [], config.columns);
      for (const name of wanted) {
        categoricalNames.push(name);
        categoricalIndex.push(located[name]);
        categoricalText.push([]);
      }
      const extras = unique([...config.covariates, ...config.personOutcomes]);
      const extraLocated = locateColumns(file, h, extras, [], config.columns);
      for (const name of extras) {
        extraNames.push(name);
        extraIndex.push(extraLocated[name]);
        extraText.push([]);
      }
      armIndex = new Map(config.arms.map((a, i) => [a, i]));
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        // No value: the row holds a person id.
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const id = fields[col.person_id].trim();
      if (id === '') issues.add({ file, line, column: columnLabel(header, col.person_id), value: id, expected: 'a person id' });
      else if (indexOf.has(id)) {
        issues.add({ file, line, column: columnLabel(header, col.person_id), expected: `a unique person id (the same id as on line ${lineOfPerson(indexOf.get(id)!)}; the id is withheld)` });
      }
      identities.note(id, line);
      const armText = fields[col.arm].trim();
      const arm = armIndex.get(armText);
      if (arm === undefined) issues.add({ file, line, column: columnLabel(header, col.arm), value: armText, expected: `one of the configured arms ${config.arms.join(', ')}` });
      const dateText = fields[col.randomized_on].trim();
      const day = dates.parse(dateText, line);
      if (day === undefined) issues.add({ file, line, column: columnLabel(header, col.randomized_on), value: dateText, expected: dates.expected(dateText) });
      for (let c = 0; c < categoricalNames.length; c++) {
        const value = fields[categoricalIndex[c]].trim();
        const rule = VALIDATED_LEVELS[categoricalNames[c]];
        if (rule && value !== '' && !rule.allowed.includes(value)) {
          issues.add({ file, line, column: columnLabel(header, categoricalIndex[c]), value, expected: rule.expected });
        }
        if (categoricalNames[c] === config.block && value === '') {
          issues.add({ file, line, column: columnLabel(header, categoricalIndex[c]), value, expected: 'a randomization block' });
        }
        categoricalText[c].push(value);
      }
      for (let c = 0; c < extraNames.length; c++) {
        const value = fields[extraIndex[c]].trim();
        if (!decimals.note(value, line)) issues.add({ file, line, column: columnLabel(header, extraIndex[c]), value, expected: decimals.expected('a value') });
        extraText[c].push(value);
      }
      lineOfRow.push(line);
      indexOf.set(id, ids.length);
      ids.push(id);
      armCodes.push(arm ?? 0);
      randomized.push(day ?? 0);
    },
  );
  // Identity numbers first: they are the problem to fix before any other.
  identities.throwIfRefused(file, columnLabel(header, col.person_id));
  issues.throwIfAny();
  const count = ids.length;
  const categorical = new Map<string, CategoricalColumn>();
  categoricalNames.forEach((name, c) => categorical.set(name, encodeLevels(categoricalText[c])));
  const block = config.block ? categorical.get(config.block)! : { levels: [''], codes: new Int32Array(count) };
  const subgroups = new Map(config.subgroups.map((name) => [name, categorical.get(name)!]));
  const extraColumns = new Map(extraNames.map((name, c) => [name, extraText[c]]));
  return {
    config,
    participants: {
      source: withDetected(source, { dateFormat: dates.format, decimalMark: decimals.mark }),
      count,
      ids,
      indexOf,
      arm: Uint8Array.from(armCodes.view()),
      randomizedOn: randomized.toArray(),
      block,
      subgroups,
      extraColumns,
      lines: Int32Array.from(lineOfRow),
    },
  };
}

/** Codes values by sorted level (numerically when every level is a number); '' is missing (-1). */
export function encodeLevels(values: readonly string[]): CategoricalColumn {
  const distinct = [...new Set(values)].filter((v) => v !== '');
  const numeric = distinct.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const code = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => (codes[i] = code.get(v) ?? -1));
  return { levels: distinct, codes };
}

/** The contract names of a header's columns, undoing a config's `columns` renaming. */
function canonicalNames(header: CsvHeader, rename: Readonly<Record<string, string>>): string[] {
  const contractName = new Map(Object.entries(rename).map(([contract, inFile]) => [inFile.toLowerCase(), contract]));
  return header.names.map((n) => contractName.get(n.toLowerCase()) ?? n.toLowerCase());
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function pathName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
