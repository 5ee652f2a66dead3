/**
 * Test helper: reads a written extract back with papaparse and computes
 * monthly work status from the files alone (codes.csv mapping, rule `end`,
 * open ends running to the extract date), independently of the simulator's
 * internals.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { addMonths, parseDay, type Day } from '../../src/time/days.js';

export interface Table {
  fields: string[];
  rows: Record<string, string>[];
}

export async function readCsv(dir: string, name: string): Promise<Table> {
  const text = await readFile(join(dir, name), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${parsed.errors[0].message}`);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

export function day(text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`not a date: ${text}`);
  return d;
}

export const WORK_TYPES = ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'];

export interface PersonMonths {
  /** inWork[m] for m = 1 … months: windowEnd(m) covered by a work-type spell. */
  inWork: Uint8Array;
  /** Whether windowEnd(m) is covered by a spell of each canonical type, at m = months only. */
  typesAtLastMonth: Set<string>;
}

/**
 * Monthly status of each participant from spells.csv under rule `end`:
 * month m holds when windowEnd(m) = addMonths(r, m) − 1 lies in a spell.
 */
export function monthlyStatus(
  participants: Table,
  spells: Table,
  codes: Table,
  extractDate: Day,
  months: number,
): Map<string, PersonMonths> {
  const typeOfCode = new Map(codes.rows.map((row) => [row.code, row.type]));
  const windowEnds = new Map<string, Day[]>();
  const result = new Map<string, PersonMonths>();
  for (const row of participants.rows) {
    const r = day(row.randomized_on);
    windowEnds.set(row.person_id, Array.from({ length: months + 1 }, (_, m) => addMonths(r, m) - 1));
    result.set(row.person_id, { inWork: new Uint8Array(months + 1), typesAtLastMonth: new Set() });
  }
  for (const spell of spells.rows) {
    const ends = windowEnds.get(spell.person_id);
    const status = result.get(spell.person_id);
    if (ends === undefined || status === undefined) throw new Error(`spell of unknown person ${spell.person_id}`);
    const type = typeOfCode.get(spell.type);
    if (type === undefined) throw new Error(`unknown code ${spell.type}`);
    const start = day(spell.start);
    const end = spell.end === '' ? extractDate : day(spell.end);
    const isWork = WORK_TYPES.includes(type);
    for (let m = 1; m <= months; m++) {
      if (start <= ends[m] && ends[m] <= end) {
        if (isWork) status.inWork[m] = 1;
        if (m === months) status.typesAtLastMonth.add(type);
      }
    }
  }
  return result;
}
