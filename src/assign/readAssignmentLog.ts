/**
 * The assignment log (a participants.csv that `eval run` reads): which
 * persons are already assigned, how many per stratum, and its exact bytes so
 * that the rewrite keeps every earlier line as it was.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { DataError } from '../errors.js';
import { columnLabel, locateColumns } from '../read/columns.js';
import { streamCsv, type CsvHeader } from '../read/csvStream.js';
import { IssueCollector } from '../read/issues.js';
import { parseDay } from '../time/days.js';

export interface AssignmentLog {
  file: string;
  /** False when the log does not exist yet. */
  exists: boolean;
  /** The log's exact bytes (empty when it does not exist). */
  content: Buffer;
  /** sha256 of content, to notice a change by another process before the rename. */
  sha256: string;
  /** Null when the log does not exist yet. */
  header: CsvHeader | null;
  /** Line end the log uses. */
  newline: '\n' | '\r\n';
  ids: Set<string>;
  /** Persons per stratum ('' when the design is not stratified). */
  perStratum: Map<string, number>;
  /** Persons per arm, in config.arms order. */
  perArm: number[];
  persons: number;
}

export async function readAssignmentLog(path: string, config: ResolvedConfig): Promise<AssignmentLog> {
  const file = basename(path);
  const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new DataError({ file, expected: `a readable log file (${error.code ?? error.message})` });
  });
  const empty = {
    file,
    ids: new Set<string>(),
    perStratum: new Map<string, number>(),
    perArm: config.arms.map(() => 0),
    persons: 0,
  };
  if (content === undefined) {
    return { ...empty, exists: false, content: Buffer.alloc(0), sha256: sha256(Buffer.alloc(0)), header: null, newline: '\n' };
  }

  const { ids, perStratum, perArm } = empty;
  const issues = new IssueCollector();
  const lineOf = new Map<string, number>();
  const armIndex = new Map(config.arms.map((arm, i) => [arm, i]));
  let header!: CsvHeader;
  let col!: Record<string, number>;
  const summary = await streamCsv(
    path,
    (h) => {
      header = h;
      col = locateColumns(file, h, ['person_id', 'arm', 'randomized_on', ...(config.block ? [config.block] : [])], [], config.columns);
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const id = fields[col.person_id].trim();
      if (id === '') issues.add({ file, line, column: columnLabel(header, col.person_id), value: '', expected: 'a person id' });
      else if (lineOf.has(id)) {
        issues.add({ file, line, column: columnLabel(header, col.person_id), expected: `a person id not already on line ${lineOf.get(id)} (duplicate)` });
      } else lineOf.set(id, line);
      const arm = fields[col.arm].trim();
      const k = armIndex.get(arm);
      if (k === undefined) issues.add({ file, line, column: columnLabel(header, col.arm), value: arm, expected: `one of the configured arms ${config.arms.join(', ')}` });
      else perArm[k]++;
      const date = fields[col.randomized_on].trim();
      if (parseDay(date) === undefined) issues.add({ file, line, column: columnLabel(header, col.randomized_on), value: date, expected: 'a date YYYY-MM-DD that exists' });
      const stratum = config.block ? fields[col[config.block]].trim() : '';
      if (config.block && stratum === '') issues.add({ file, line, column: columnLabel(header, col[config.block]), value: '', expected: 'a randomization block' });
      ids.add(id);
      perStratum.set(stratum, (perStratum.get(stratum) ?? 0) + 1);
    },
  );
  issues.throwIfAny();
  const digest = sha256(content);
  if (summary.sha256 !== digest) throw changedWhileReading(file);
  return {
    ...empty,
    exists: true,
    content,
    sha256: digest,
    header,
    newline: firstLineEnd(content),
    persons: summary.rows,
  };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function changedWhileReading(file: string): DataError {
  return new DataError({ file, expected: 'a log that no other process changes during eval assign (it changed): run again' });
}

function firstLineEnd(content: Buffer): '\n' | '\r\n' {
  const at = content.indexOf(0x0a);
  return at > 0 && content[at - 1] === 0x0d ? '\r\n' : '\n';
}
