/**
 * participants.csv (data-contract §1): one row per randomized person.
 */
import type { ResolvedConfig } from '../config/types.js';
import { columnLabel, locateColumns } from './columns.js';
import { withDetected } from './conventions.js';
import { scanCsv, type CsvFileSummary, type CsvHeader, type CsvRow } from './csvStream.js';
import { FileDateFormat } from './dateFormat.js';
import { FileDecimalMark } from './decimalMark.js';
import { FieldValues } from './fieldValues.js';
import { IdentityNumberScreen } from './identityScreen.js';
import { IssueCollector } from './issues.js';
import { GrowableInt32 } from './growable.js';
import { decimalMarkOf, type DecimalMark } from './numbers.js';
import { EMPTY_ID, NEW_ID, ParticipantIds } from './participantIds.js';

/** A categorical participant column: level codes per person, -1 = missing. */
export interface CategoricalColumn {
  levels: string[];
  codes: Int32Array;
}

export interface Participants {
  source: CsvFileSummary;
  count: number;
  /**
   * Pseudonymized ids, kept only to join spells; never written to a report.
   * readParticipants keeps them as bytes (participantIds.ts) and makes
   * these strings, and `indexOf`, on first use.
   */
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
  const categoricals: CategoricalReader[] = [];
  const extras: ExtraReader[] = [];
  const ids = new ParticipantIds();
  const armCodes = new GrowableInt32();
  const randomized = new GrowableInt32();
  let arms!: FieldValues<number>;
  const lineOfRow = new GrowableInt32();
  const dates = new FileDateFormat();
  const decimals = new FileDecimalMark();
  const identities = new IdentityNumberScreen();

  const source = await scanCsv(
    path,
    (h) => {
      header = h;
      file = pathName(path);
      config = 'resolve' in plan ? plan.resolve(canonicalNames(h, plan.columns)) : plan;
      col = locateColumns(file, h, ['person_id', 'arm', 'randomized_on'], [], config.columns);
      const wanted = unique([...(config.block ? [config.block] : []), ...config.subgroups]);
      const located = locateColumns(file, h, wanted, [], config.columns);
      for (const name of wanted) categoricals.push(new CategoricalReader(name, located[name], VALIDATED_LEVELS[name], name === config.block));
      const extraNames = unique([...config.covariates, ...config.personOutcomes]);
      const extraLocated = locateColumns(file, h, extraNames, [], config.columns);
      for (const name of extraNames) extras.push(new ExtraReader(name, extraLocated[name]));
      const armIndex = new Map(config.arms.map((a, i) => [a, i]));
      arms = new FieldValues((text) => armIndex.get(text) ?? -1);
    },
    (row) => {
      const line = row.line;
      if (row.count !== header.names.length) {
        // No value: the row holds a person id.
        issues.add({ file, line, expected: `${header.names.length} fields, found ${row.count}` });
        return;
      }
      const earlier = ids.read(row, col.person_id, identities);
      if (earlier === EMPTY_ID) issues.add({ file, line, column: columnLabel(header, col.person_id), value: '', expected: 'a person id' });
      else if (earlier !== NEW_ID) {
        issues.add({ file, line, column: columnLabel(header, col.person_id), expected: `a unique person id (the same id as on line ${lineOfRow.view()[earlier]}; the id is withheld)` });
      }
      const arm = arms.get(row, col.arm);
      if (arm < 0) issues.add({ file, line, column: columnLabel(header, col.arm), value: row.trimmedText(col.arm), expected: `one of the configured arms ${config.arms.join(', ')}` });
      const day = dates.parseField(row, col.randomized_on);
      if (day === undefined) {
        const dateText = row.trimmedText(col.randomized_on);
        issues.add({ file, line, column: columnLabel(header, col.randomized_on), value: dateText, expected: dates.expected(dateText) });
      }
      for (const categorical of categoricals) {
        const level = categorical.read(row);
        const value = categorical.texts[level];
        if (categorical.invalid[level]) {
          issues.add({ file, line, column: columnLabel(header, categorical.field), value, expected: categorical.rule!.expected });
        }
        if (categorical.isBlock && value === '') {
          issues.add({ file, line, column: columnLabel(header, categorical.field), value, expected: 'a randomization block' });
        }
      }
      for (const extra of extras) {
        const number = extra.read(row);
        if (!decimals.noteShown(extra.mark(number), line)) issues.add({ file, line, column: columnLabel(header, extra.field), value: extra.text(number), expected: decimals.expected('a value') });
      }
      lineOfRow.push(line);
      armCodes.push(arm < 0 ? 0 : arm);
      randomized.push(day ?? 0);
    },
  );
  // Identity numbers first: they are the problem to fix before any other.
  identities.throwIfRefused(file, columnLabel(header, col.person_id));
  issues.throwIfAny();
  const count = lineOfRow.length;
  const categorical = new Map<string, CategoricalColumn>();
  for (const reader of categoricals) categorical.set(reader.name, reader.coded());
  const block = config.block ? categorical.get(config.block)! : { levels: [''], codes: new Int32Array(count) };
  const subgroups = new Map(config.subgroups.map((name) => [name, categorical.get(name)!]));
  const extraColumns = new Map(extras.map((extra) => [extra.name, extra.column()]));
  const participants = ids.attach({
    source: withDetected(source, { dateFormat: dates.format, decimalMark: decimals.mark }),
    count,
    arm: new Uint8Array(armCodes.view()),
    randomizedOn: randomized.toArray(),
    block,
    subgroups,
    extraColumns,
    lines: lineOfRow.toArray(),
  });
  return { config, participants };
}

/**
 * A block or subgroup column, read as one small number per person (the
 * text's number in order of first appearance) and coded by sorted level
 * (encodeLevels) once the file is read.
 */
class CategoricalReader {
  /** Distinct texts in order of first appearance. */
  readonly texts: string[] = [];
  /** Per distinct text: a value the column's rule refuses. */
  readonly invalid: boolean[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly perPerson = new GrowableInt32();
  private readonly values = new FieldValues((text) => this.numberText(text));

  constructor(
    readonly name: string,
    /** Index of the field in a row. */
    readonly field: number,
    readonly rule: { allowed: readonly string[]; expected: string } | undefined,
    readonly isBlock: boolean,
  ) {}

  /** Reads the row's value; returns the number of its text. */
  read(row: CsvRow): number {
    const number = this.values.get(row, this.field);
    this.perPerson.push(number);
    return number;
  }

  /** The column coded by sorted level, as encodeLevels codes the texts. */
  coded(): CategoricalColumn {
    const coded = encodeLevels(this.texts);
    const codes = this.perPerson.toArray();
    for (let p = 0; p < codes.length; p++) codes[p] = coded.codes[codes[p]];
    return { levels: coded.levels, codes };
  }

  private numberText(text: string): number {
    let number = this.numberOf.get(text);
    if (number === undefined) {
      number = this.texts.length;
      this.numberOf.set(text, number);
      this.texts.push(text);
      this.invalid.push(this.rule !== undefined && text !== '' && !this.rule.allowed.includes(text));
    }
    return number;
  }
}

/**
 * A covariate or person-outcome column, kept as text. Persons share the
 * string of a repeated value (0/1 columns, ages, groups), which keeps a
 * million persons' columns small; past LIMIT distinct values (free
 * numbers) each new value gets a string of its own. Per person a number is
 * kept while reading, the strings are put in place at the end: pushing
 * onto a growing array of a million strings costs more than reading the
 * field.
 */
class ExtraReader {
  private static readonly LIMIT = 1 << 16;
  private readonly texts: string[] = [];
  private readonly marks: (DecimalMark | undefined)[] = [];
  private readonly perPerson = new GrowableInt32();
  private readonly values = new FieldValues((text) => this.numberText(text), ExtraReader.LIMIT);

  constructor(
    readonly name: string,
    /** Index of the field in a row. */
    readonly field: number,
  ) {}

  /** Reads the row's value; returns the number of its text (for `text` and `mark`). */
  read(row: CsvRow): number {
    const number = this.values.get(row, this.field);
    this.perPerson.push(number);
    return number;
  }

  text(number: number): string {
    return this.texts[number];
  }

  /** The decimal mark the text shows (decimalMarkOf). */
  mark(number: number): DecimalMark | undefined {
    return this.marks[number];
  }

  /** The text of every person read. */
  column(): string[] {
    const numbers = this.perPerson.view();
    const column = new Array<string>(numbers.length);
    for (let p = 0; p < numbers.length; p++) column[p] = this.texts[numbers[p]];
    return column;
  }

  private numberText(text: string): number {
    this.texts.push(text);
    this.marks.push(decimalMarkOf(text));
    return this.texts.length - 1;
  }
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
