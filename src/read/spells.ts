/**
 * spells.csv (data-contract §1), streamed into typed columns: a national
 * extract has tens of millions of rows, so no row objects are kept, and
 * dates, types and person ids are read from the bytes (byteScanner.ts)
 * without a string per field.
 */
import { DataError } from '../errors.js';
import { spellTypeIndex, SPELL_TYPES } from '../panel/spellTypes.js';
import type { CodeTable } from './codes.js';
import { columnLabel, locateColumns } from './columns.js';
import { withDetected } from './conventions.js';
import { scanCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { FileDateFormat } from './dateFormat.js';
import { FieldValues } from './fieldValues.js';
import { IdentityNumberScreen } from './identityScreen.js';
import { IssueCollector } from './issues.js';
import { PersonLookup, UNMATCHED_KINDS } from './participantIds.js';
import type { Participants } from './participants.js';
import { SpellColumns } from './spellColumns.js';

/** `end` of a spell that is still ongoing (empty in the file). */
export const OPEN_END = 2147483647;

export interface Spells {
  source: CsvFileSummary;
  count: number;
  /** Index of the person in Participants. */
  person: Int32Array;
  start: Int32Array;
  /** Inclusive last day, or OPEN_END. */
  end: Int32Array;
  /** Index into SPELL_TYPES. */
  type: Uint8Array;
  /** Rows whose person_id is not a participant: counted and left out (data-contract §6). */
  unmatched: number;
}

export async function readSpells(
  path: string,
  participants: Participants,
  codes: CodeTable | undefined,
  rename: Readonly<Record<string, string>> = {},
): Promise<Spells> {
  const issues = new IssueCollector();
  const unknownCodes = new Map<string, number>();
  const spells = new SpellColumns();
  let unmatched = 0;
  let header!: CsvHeader;
  let col!: Record<'person_id' | 'start' | 'end' | 'type', number>;
  let file = '';
  const canonicalExpected = `a canonical spell type (${SPELL_TYPES.join(', ')})`;
  const dates = new FileDateFormat();
  // Ids of participants were screened in participants.csv; the rest are screened here.
  const unmatchedIds = new IdentityNumberScreen();
  // A spell type per distinct code, and a person per distinct id: looked up once, then found by the field's bytes.
  const typeOfCode = new FieldValues((text) => (codes ? (codes.typeOf.get(text) ?? -1) : spellTypeIndex(text)));
  const persons = new PersonLookup(participants);
  let fieldCount = 0;

  const source = await scanCsv(
    path,
    (h) => {
      header = h;
      file = path.split(/[\\/]/).pop() ?? path;
      col = locateColumns(file, h, ['person_id', 'start', 'end', 'type'], [], rename);
      fieldCount = h.names.length;
    },
    (row) => {
      const line = row.line;
      if (row.count !== fieldCount) {
        issues.add({ file, line, expected: `${fieldCount} fields, found ${row.count}` });
        return;
      }
      const startDay = dates.parseField(row, col.start);
      if (startDay === undefined) {
        const startText = row.trimmedText(col.start);
        issues.add({ file, line, column: columnLabel(header, col.start), value: startText, expected: dates.expected(startText) });
      }
      let endDay: number | undefined = OPEN_END;
      if (!row.isEmpty(col.end)) {
        endDay = dates.parseField(row, col.end);
        if (endDay === undefined) {
          const endText = row.trimmedText(col.end);
          issues.add({ file, line, column: columnLabel(header, col.end), value: endText, expected: dates.expected(endText, ', or empty for an ongoing spell') });
        } else if (startDay !== undefined && endDay < startDay) {
          const expected = `an end on or after the start ${row.trimmedText(col.start)}`;
          issues.add({ file, line, column: columnLabel(header, col.end), value: row.trimmedText(col.end), expected });
        }
      }
      const typeIndex = typeOfCode.get(row, col.type);
      if (typeIndex < 0) {
        const typeText = row.trimmedText(col.type);
        if (codes) {
          if (!unknownCodes.has(typeText)) unknownCodes.set(typeText, line);
          return;
        }
        issues.add({ file, line, column: columnLabel(header, col.type), value: typeText, expected: `${canonicalExpected}, or a codes.csv that maps it` });
      }
      const personIndex = persons.get(row, col.person_id);
      if (personIndex < 0) {
        unmatched++;
        unmatchedIds.noteKind(UNMATCHED_KINDS[-personIndex - 1], line);
        return;
      }
      if (startDay === undefined || endDay === undefined || typeIndex < 0) return;
      spells.push(personIndex, startDay, endDay, typeIndex);
    },
  );
  unmatchedIds.throwIfRefused(file, columnLabel(header, col.person_id));
  if (unknownCodes.size > 0) {
    const listed = [...unknownCodes].slice(0, 20).map(([code, line]) => `${JSON.stringify(code)} (first on line ${line})`);
    const more = unknownCodes.size > 20 ? ` and ${unknownCodes.size - 20} more` : '';
    throw new DataError({
      file,
      column: columnLabel(header, col.type),
      value: [...unknownCodes.keys()].slice(0, 20).join(', '),
      expected: `codes listed in ${codes!.source.file}; unknown codes: ${listed.join(', ')}${more}`,
    });
  }
  issues.throwIfAny();
  return { source: withDetected(source, { dateFormat: dates.format }), count: spells.length, ...spells.columns(), unmatched };
}
