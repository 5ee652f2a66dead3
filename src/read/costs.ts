/**
 * costs.csv (data-contract §1): either `person_id,cost` (SEK per person) or
 * `arm,cost_per_participant`. Costs may be written `12345.50` or, with
 * Swedish settings, `12 345,50`; the file's decimal mark is detected
 * (decimalMark.ts) and reported.
 */
import { DataError } from '../errors.js';
import { columnLabel, locateColumns } from './columns.js';
import { withDetected } from './conventions.js';
import { scanCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { FileDecimalMark } from './decimalMark.js';
import { IdentityNumberScreen } from './identityScreen.js';
import { IssueCollector } from './issues.js';
import { PersonLookup, UNMATCHED_KINDS } from './participantIds.js';
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

export async function readCosts(path: string, participants: Participants, arms: readonly string[], rename: Readonly<Record<string, string>> = {}): Promise<Costs> {
  const issues = new IssueCollector();
  const file = path.split(/[\\/]/).pop() ?? path;
  let header!: CsvHeader;
  let mode = 'person' as 'person' | 'arm';
  let keyColumn = -1;
  let costColumn = -1;
  const perPerson = new Float64Array(participants.count).fill(NaN);
  const lineOfPerson = new Int32Array(participants.count);
  const perArm = new Map<string, number>();
  let unmatched = 0;
  const decimals = new FileDecimalMark();
  // Ids of participants were screened in participants.csv; the rest are screened here.
  const unmatchedIds = new IdentityNumberScreen();
  const persons = new PersonLookup(participants);
  const source = await scanCsv(
    path,
    (h) => {
      header = h;
      const lower = h.names.map((n) => n.toLowerCase());
      mode = lower.includes((rename.arm ?? 'arm').toLowerCase()) && !lower.includes((rename.person_id ?? 'person_id').toLowerCase()) ? 'arm' : 'person';
      const found = mode === 'person' ? locateColumns(file, h, ['person_id', 'cost'], [], rename) : locateColumns(file, h, ['arm', 'cost_per_participant'], [], rename);
      keyColumn = mode === 'person' ? (found as Record<string, number>).person_id : (found as Record<string, number>).arm;
      costColumn = mode === 'person' ? (found as Record<string, number>).cost : (found as Record<string, number>).cost_per_participant;
    },
    (row) => {
      const line = row.line;
      if (row.count !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${row.count}` });
        return;
      }
      const cost = decimals.parseField(row, costColumn);
      if (cost === undefined) {
        issues.add({ file, line, column: columnLabel(header, costColumn), value: row.trimmedText(costColumn), expected: decimals.expected('a cost in SEK') });
        return;
      }
      if (mode === 'arm') {
        const key = row.trimmedText(keyColumn);
        if (!arms.includes(key)) issues.add({ file, line, column: columnLabel(header, keyColumn), value: key, expected: `one of the configured arms ${arms.join(', ')}` });
        else if (perArm.has(key)) issues.add({ file, line, column: columnLabel(header, keyColumn), value: key, expected: 'each arm once' });
        else perArm.set(key, cost);
        return;
      }
      const index = persons.get(row, keyColumn);
      if (index < 0) {
        unmatched++;
        unmatchedIds.noteKind(UNMATCHED_KINDS[-index - 1], line);
      } else if (!Number.isNaN(perPerson[index])) {
        issues.add({ file, line, column: columnLabel(header, keyColumn), expected: `each person once (the same id as on line ${lineOfPerson[index]}; the id is withheld)` });
      } else {
        perPerson[index] = cost;
        lineOfPerson[index] = line;
      }
    },
  );
  if (mode === 'person') unmatchedIds.throwIfRefused(file, columnLabel(header, keyColumn));
  issues.throwIfAny();
  if (mode === 'arm' && perArm.size === 0) throw new DataError({ file, expected: 'a cost for at least one arm' });
  return { source: withDetected(source, { decimalMark: decimals.mark }), perPerson: mode === 'person' ? perPerson : null, perArm: mode === 'arm' ? perArm : null, unmatched };
}
