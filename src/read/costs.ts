/**
 * costs.csv (data-contract §1): either `person_id,cost` (SEK per person) or
 * `arm,cost_per_participant`.
 */
import { DataError } from '../errors.js';
import { columnLabel, locateColumns } from './columns.js';
import { streamCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { IssueCollector } from './issues.js';
import type { Participants } from './participants.js';

export interface Costs {
  source: CsvFileSummary;
  /** Cost per participant (NaN where the file has none), when given per person. */
  perPerson: Float64Array | null;
  /** Cost per participant by arm, when given per arm. */
  perArm: Map<string, number> | null;
  /** Rows naming a person who is not a participant: counted, left out. */
  unmatched: number;
}

/** Parses a cost in SEK; undefined when it is not a finite number. */
export function parseCost(text: string): number | undefined {
  if (text === '' || !/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export async function readCosts(path: string, participants: Participants, arms: readonly string[], rename: Readonly<Record<string, string>> = {}): Promise<Costs> {
  const issues = new IssueCollector();
  const file = path.split(/[\\/]/).pop() ?? path;
  let header!: CsvHeader;
  let mode = 'person' as 'person' | 'arm';
  let keyColumn = -1;
  let costColumn = -1;
  const perPerson = new Float64Array(participants.count).fill(NaN);
  const perArm = new Map<string, number>();
  let unmatched = 0;
  const source = await streamCsv(
    path,
    (h) => {
      header = h;
      const lower = h.names.map((n) => n.toLowerCase());
      mode = lower.includes((rename.arm ?? 'arm').toLowerCase()) && !lower.includes((rename.person_id ?? 'person_id').toLowerCase()) ? 'arm' : 'person';
      const found = mode === 'person' ? locateColumns(file, h, ['person_id', 'cost'], [], rename) : locateColumns(file, h, ['arm', 'cost_per_participant'], [], rename);
      keyColumn = mode === 'person' ? (found as Record<string, number>).person_id : (found as Record<string, number>).arm;
      costColumn = mode === 'person' ? (found as Record<string, number>).cost : (found as Record<string, number>).cost_per_participant;
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const key = fields[keyColumn].trim();
      const text = fields[costColumn].trim();
      const cost = parseCost(text);
      if (cost === undefined) {
        issues.add({ file, line, column: columnLabel(header, costColumn), value: text, expected: 'a cost in SEK (a number)' });
        return;
      }
      if (mode === 'arm') {
        if (!arms.includes(key)) issues.add({ file, line, column: columnLabel(header, keyColumn), value: key, expected: `one of the configured arms ${arms.join(', ')}` });
        else if (perArm.has(key)) issues.add({ file, line, column: columnLabel(header, keyColumn), value: key, expected: 'each arm once' });
        else perArm.set(key, cost);
        return;
      }
      const index = participants.indexOf.get(key);
      if (index === undefined) unmatched++;
      else if (!Number.isNaN(perPerson[index])) issues.add({ file, line, column: columnLabel(header, keyColumn), expected: 'each person once (duplicate person id; the id is withheld)' });
      else perPerson[index] = cost;
    },
  );
  issues.throwIfAny();
  if (mode === 'arm' && perArm.size === 0) throw new DataError({ file, expected: 'a cost for at least one arm' });
  return { source, perPerson: mode === 'person' ? perPerson : null, perArm: mode === 'arm' ? perArm : null, unmatched };
}
