/**
 * `eval assign`: randomizes the persons of NEW.csv who are not yet in the
 * log and appends them to it. Earlier lines are never changed or repeated;
 * the log is replaced atomically, so an interrupted run leaves it as it was.
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { DataError, type DataIssue } from '../errors.js';
import { locateColumns } from '../read/columns.js';
import { blockPlan, type BlockPlan } from './blockPlan.js';
import { fileName } from './contractNames.js';
import { drawAssignments } from './drawAssignments.js';
import { changedWhileReading, readAssignmentLog, sha256, type AssignmentLog } from './readAssignmentLog.js';
import { readNewParticipants, type NewParticipants, type NewPerson } from './readNewParticipants.js';
import { replaceFileAtomically, type ReplaceHooks } from './replaceFileAtomically.js';

export const DEFAULT_ASSIGN_SEED = 20170331;
/** byStratum's key when the design has no blocks. */
export const UNSTRATIFIED = 'all';

export interface AssignOptions {
  /** NEW.csv: the persons to randomize. */
  participants: string;
  /** The log (participants.csv) to append to; created when missing. */
  log: string;
  /** The raw analysis plan (eval.config.json content); {} for the defaults. */
  config?: unknown;
  configSource?: string;
  /** Seed of the block permutations: the same on every run of one log. */
  seed?: number;
  /** ISO date for persons without their own randomized_on. */
  date?: string;
  /** For tests: fault injection around the atomic replace. */
  hooks?: ReplaceHooks;
}

export interface AssignSummary {
  /** Persons newly assigned (and appended) by this run. */
  assigned: number;
  /** Persons of NEW.csv already in the log: not drawn again. */
  alreadyAssigned: number;
  /** NEW.csv lines of those persons (ids are never reported). */
  alreadyAssignedLines: number[];
  /** New assignments by arm, in config order. */
  byArm: Record<string, number>;
  /** New assignments by stratum (order of first appearance) and arm; `all` without blocks. */
  byStratum: Record<string, Record<string, number>>;
  /** Persons in the log after the run, and by arm. */
  logPersons: number;
  logByArm: Record<string, number>;
  /** The block column, or null when not stratified. */
  block: string | null;
  blockLength: number;
  seed: number;
  /** False when there was nothing to append and the log was left alone. */
  written: boolean;
}

export async function assignParticipants(options: AssignOptions): Promise<AssignSummary> {
  const seed = options.seed ?? DEFAULT_ASSIGN_SEED;
  const incoming = await readNewParticipants(options.participants, {
    config: options.config ?? {},
    configSource: options.configSource,
    date: options.date,
  });
  const { config } = incoming;
  const plan = blockPlan(config.arms, config.allocation);
  const log = await readAssignmentLog(options.log, config);
  const layout = logLayout(incoming, log);

  const fresh: NewPerson[] = [];
  const alreadyAssignedLines: number[] = [];
  for (const person of incoming.persons) {
    if (log.ids.has(person.id)) alreadyAssignedLines.push(person.line);
    else fresh.push(person);
  }
  const arms = drawAssignments(
    fresh.map((p) => p.stratum),
    log.perStratum,
    plan,
    seed,
  );

  const summary = summarize(fresh, arms, plan, log, alreadyAssignedLines, config.block, seed);
  if (fresh.length === 0) return summary;

  const rows = fresh.map((person, i) => logRow(layout, person, plan.arms[arms[i]]));
  const newline = log.newline;
  const delimiter = log.header?.delimiter ?? ',';
  const lines = Papa.unparse(log.exists ? rows : [layout.names, ...rows], { delimiter, newline }) + newline;
  if (!isUtf8(log.content) && /[^\x00-\x7f]/.test(lines)) {
    // Appending UTF-8 text to a log saved in another encoding (Windows-1252) would leave a file in two encodings.
    throw new DataError({ file: log.file, expected: 'a log in UTF-8 to append å, ä, ö and other non-ASCII text to (it is in another encoding, such as Windows-1252): save it as UTF-8 first' });
  }
  const parts: (string | Buffer)[] = [log.content];
  if (log.content.length > 0 && log.content[log.content.length - 1] !== 0x0a) parts.push(newline);
  parts.push(lines);

  await replaceFileAtomically(options.log, parts, {
    beforeRename: async (temporary) => {
      await options.hooks?.beforeRename?.(temporary);
      await assertUnchanged(options.log, log);
    },
  });
  return { ...summary, written: true };
}

/** A log column's value: the drawn arm, the date of randomization, or NEW.csv's column at that index. */
type Source = { kind: 'arm' } | { kind: 'date' } | { kind: 'column'; index: number };

interface LogLayout {
  names: string[];
  sources: Source[];
}

/**
 * Where each log column's value comes from. An existing log's header
 * decides; a new log gets person_id, arm, randomized_on, the block, then
 * NEW.csv's other columns in their order. NEW.csv must have exactly the
 * log's other columns: the log cannot gain a column without changing its
 * earlier lines, and a missing one would leave holes.
 */
function logLayout(incoming: NewParticipants, log: AssignmentLog): LogLayout {
  const { header, columns, config, file } = incoming;
  let names: string[];
  let armAt: number;
  let dateAt: number;
  if (log.header) {
    names = log.header.names;
    const found = locateColumns(log.file, log.header, ['arm', 'randomized_on'], [], config.columns);
    armAt = found.arm;
    dateAt = found.randomized_on;
  } else {
    const leading = [columns.personId, ...(columns.block >= 0 ? [columns.block] : [])];
    const others = header.names.map((_, i) => i).filter((i) => !leading.includes(i) && i !== columns.randomizedOn);
    const dateName = columns.randomizedOn >= 0 ? header.names[columns.randomizedOn] : fileName('randomized_on', config.columns);
    names = [header.names[columns.personId], fileName('arm', config.columns), dateName, ...[...leading.slice(1), ...others].map((i) => header.names[i])];
    armAt = 1;
    dateAt = 2;
  }
  const position = new Map(header.names.map((name, i) => [name.toLowerCase(), i]));
  const used = new Set<number>(columns.randomizedOn >= 0 ? [columns.randomizedOn] : []);
  const issues: DataIssue[] = [];
  const sources = names.map((name, i): Source => {
    if (i === armAt) return { kind: 'arm' };
    if (i === dateAt) return { kind: 'date' };
    const index = position.get(name.toLowerCase());
    if (index === undefined) issues.push({ file, line: 1, column: name, expected: `a column ${name}, which the log ${log.file} has` });
    else used.add(index);
    return { kind: 'column', index: index ?? -1 };
  });
  header.names.forEach((name, i) => {
    if (!used.has(i)) issues.push({ file, line: 1, column: name, expected: `only columns the log ${log.file} has (${names.join(', ')}): a log cannot gain a column without changing its earlier lines` });
  });
  if (issues.length > 0) throw new DataError(issues);
  return { names, sources };
}

function logRow(layout: LogLayout, person: NewPerson, arm: string): string[] {
  return layout.sources.map((source) => (source.kind === 'arm' ? arm : source.kind === 'date' ? person.randomizedOn : person.fields[source.index].trim()));
}

function summarize(
  fresh: readonly NewPerson[],
  arms: Uint8Array,
  plan: BlockPlan,
  log: AssignmentLog,
  alreadyAssignedLines: number[],
  block: string | null,
  seed: number,
): AssignSummary {
  const byArm = Object.fromEntries(plan.arms.map((arm) => [arm, 0]));
  const byStratum: Record<string, Record<string, number>> = {};
  fresh.forEach((person, i) => {
    const arm = plan.arms[arms[i]];
    byArm[arm]++;
    const key = block ? person.stratum : UNSTRATIFIED;
    byStratum[key] ??= Object.fromEntries(plan.arms.map((a) => [a, 0]));
    byStratum[key][arm]++;
  });
  const logByArm = Object.fromEntries(plan.arms.map((arm, k) => [arm, log.perArm[k] + byArm[arm]]));
  return {
    assigned: fresh.length,
    alreadyAssigned: alreadyAssignedLines.length,
    alreadyAssignedLines,
    byArm,
    byStratum,
    logPersons: log.persons + fresh.length,
    logByArm,
    block,
    blockLength: plan.length,
    seed,
    written: false,
  };
}

/** Optimistic concurrency: another process that wrote the log meanwhile would lose its lines to this rename. */
async function assertUnchanged(path: string, log: AssignmentLog): Promise<void> {
  const now = await readFile(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  const same = log.exists ? now !== undefined && sha256(now) === log.sha256 : now === undefined;
  if (!same) throw changedWhileReading(basename(path));
}
