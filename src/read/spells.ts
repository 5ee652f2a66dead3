/**
 * spells.csv (data-contract §1), streamed into typed columns: a national
 * extract has tens of millions of rows, so no row objects are kept.
 */
import { DataError } from '../errors.js';
import { spellTypeIndex, SPELL_TYPES } from '../panel/spellTypes.js';
import type { CodeTable } from './codes.js';
import { columnLabel, locateColumns } from './columns.js';
import { withDetected } from './conventions.js';
import { streamCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { FileDateFormat } from './dateFormat.js';
import { GrowableInt32 } from './growable.js';
import { IdentityNumberScreen } from './identityScreen.js';
import { IssueCollector } from './issues.js';
import type { Participants } from './participants.js';

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
  const person = new GrowableInt32(1 << 16);
  const start = new GrowableInt32(1 << 16);
  const end = new GrowableInt32(1 << 16);
  const type = new GrowableInt32(1 << 16);
  let unmatched = 0;
  let header!: CsvHeader;
  let col!: Record<'person_id' | 'start' | 'end' | 'type', number>;
  let file = '';
  const canonicalExpected = `a canonical spell type (${SPELL_TYPES.join(', ')})`;
  const dates = new FileDateFormat();
  // Ids of participants were screened in participants.csv; the rest are screened here.
  const unmatchedIds = new IdentityNumberScreen();

  const source = await streamCsv(
    path,
    (h) => {
      header = h;
      file = path.split(/[\\/]/).pop() ?? path;
      col = locateColumns(file, h, ['person_id', 'start', 'end', 'type'], [], rename);
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const startText = fields[col.start].trim();
      const startDay = dates.parse(startText, line);
      if (startDay === undefined) issues.add({ file, line, column: columnLabel(header, col.start), value: startText, expected: dates.expected(startText) });
      const endText = fields[col.end].trim();
      let endDay: number | undefined = OPEN_END;
      if (endText !== '') {
        endDay = dates.parse(endText, line);
        if (endDay === undefined) issues.add({ file, line, column: columnLabel(header, col.end), value: endText, expected: dates.expected(endText, ', or empty for an ongoing spell') });
        else if (startDay !== undefined && endDay < startDay) {
          issues.add({ file, line, column: columnLabel(header, col.end), value: endText, expected: `an end on or after the start ${startText}` });
        }
      }
      const typeText = fields[col.type].trim();
      let typeIndex: number;
      if (codes) {
        typeIndex = codes.typeOf.get(typeText) ?? -1;
        if (typeIndex < 0) {
          if (!unknownCodes.has(typeText)) unknownCodes.set(typeText, line);
          return;
        }
      } else {
        typeIndex = spellTypeIndex(typeText);
        if (typeIndex < 0) issues.add({ file, line, column: columnLabel(header, col.type), value: typeText, expected: `${canonicalExpected}, or a codes.csv that maps it` });
      }
      const id = fields[col.person_id].trim();
      const personIndex = participants.indexOf.get(id);
      if (personIndex === undefined) {
        unmatched++;
        unmatchedIds.note(id, line);
        return;
      }
      if (startDay === undefined || endDay === undefined || typeIndex < 0) return;
      person.push(personIndex);
      start.push(startDay);
      end.push(endDay);
      type.push(typeIndex);
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
  return {
    source: withDetected(source, { dateFormat: dates.format }),
    count: person.length,
    person: person.toArray(),
    start: start.toArray(),
    end: end.toArray(),
    type: Uint8Array.from(type.view()),
    unmatched,
  };
}
