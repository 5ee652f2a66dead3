/**
 * Writes a simulated extract as the files of the data contract:
 * participants.csv, spells.csv, codes.csv, costs.csv and eval.config.json.
 * UTF-8 without byte-order mark, `\n` line ends.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDay } from '../time/days.js';
import { writeChunked, type ChunkedFile } from './chunkedFile.js';
import { configText } from './config.js';
import { ARMS } from './design.js';
import type { SimulatedExtract } from './extract.js';
import { MUNICIPALITIES } from './municipalities.js';
import { personId } from './personIds.js';
import { DIAGNOSIS_GROUPS } from './population.js';
import { OPEN_END } from './spellColumns.js';

export const PARTICIPANTS_HEADER = [
  'person_id', 'arm', 'randomized_on', 'gender', 'lss_daily_activity', 'block', 'municipality', 'age',
  'lss_decision', 'children', 'foreign_born', 'upper_secondary', 'special_housing', 'diagnosis_group',
] as const;
export const SPELLS_HEADER = ['person_id', 'start', 'end', 'type'] as const;
export const CODES_HEADER = ['code', 'type'] as const;
export const COSTS_HEADER = ['person_id', 'cost'] as const;

/** Writes the five files into `dir` (created when missing), each complete before it appears under its name. */
export async function writeExtract(dir: string, extract: SimulatedExtract): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeChunked(join(dir, 'participants.csv'), (file) => writeParticipants(file, extract));
  await writeChunked(join(dir, 'spells.csv'), (file) => writeSpells(file, extract));
  await writeChunked(join(dir, 'codes.csv'), (file) => writeCodes(file, extract));
  await writeChunked(join(dir, 'costs.csv'), (file) => writeCosts(file, extract));
  await writeChunked(join(dir, 'eval.config.json'), async (file) => {
    file.append(configText(extract.config));
  });
}

async function writeParticipants(file: ChunkedFile, extract: SimulatedExtract): Promise<void> {
  const p = extract.participants;
  const dates = new DayTexts();
  // Municipality code and name never change per person: format them once.
  const blockFields = MUNICIPALITIES.map((m) => `${csvField(m.code)},${csvField(m.name)}`);
  file.append(`${PARTICIPANTS_HEADER.join(',')}\n`);
  for (let i = 0; i < p.count; i++) {
    const line =
      `${personId(i)},${ARMS[p.arm[i]]},${dates.get(p.randomizedOn[i])},${p.female[i] ? 'K' : 'M'},` +
      `${p.lssDailyActivity[i]},${blockFields[p.municipality[i]]},${p.age[i]},${p.lssDecision[i]},` +
      `${p.children[i]},${p.foreignBorn[i]},${p.upperSecondary[i]},${p.specialHousing[i]},` +
      `${DIAGNOSIS_GROUPS[p.diagnosis[i]]}\n`;
    if (file.append(line)) await file.drain();
  }
}

async function writeSpells(file: ChunkedFile, extract: SimulatedExtract): Promise<void> {
  const s = extract.spells;
  const dates = new DayTexts();
  const codes = extract.codes.map((c) => csvField(c.code));
  file.append(`${SPELLS_HEADER.join(',')}\n`);
  let currentPerson = -1;
  let id = '';
  for (let j = 0; j < s.count; j++) {
    if (s.person[j] !== currentPerson) {
      currentPerson = s.person[j];
      id = personId(currentPerson);
    }
    const end = s.end[j] === OPEN_END ? '' : dates.get(s.end[j]);
    if (file.append(`${id},${dates.get(s.start[j])},${end},${codes[s.code[j]]}\n`)) await file.drain();
  }
}

async function writeCodes(file: ChunkedFile, extract: SimulatedExtract): Promise<void> {
  file.append(`${CODES_HEADER.join(',')}\n`);
  for (const { code, type } of extract.codes) file.append(`${csvField(code)},${type}\n`);
}

async function writeCosts(file: ChunkedFile, extract: SimulatedExtract): Promise<void> {
  file.append(`${COSTS_HEADER.join(',')}\n`);
  for (let i = 0; i < extract.costs.length; i++) {
    if (file.append(`${personId(i)},${extract.costs[i]}\n`)) await file.drain();
  }
}

/** ISO texts of days, each formatted once: an extract has millions of dates but a few thousand distinct days. */
class DayTexts {
  private readonly texts = new Map<number, string>();

  get(day: number): string {
    let text = this.texts.get(day);
    if (text === undefined) {
      text = formatDay(day);
      this.texts.set(day, text);
    }
    return text;
  }
}

/** RFC 4180 quoting, only where needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
