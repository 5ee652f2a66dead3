/**
 * The national-scale issue: "point estimates, standard errors, n and events
 * are identical to the straightforward path on the fixture and on a
 * 100,000-person extract". The straightforward path here shares no code
 * with the pipeline: papaparse parses each file whole, windows come from
 * Date.UTC month arithmetic, every person-month is checked against the
 * person's spells one by one (data-contract §3–5), and shares and Neyman
 * SEs (methods.md) are summed person by person. The pipeline (byte-level
 * reader, typed-array panel, grouped estimators) must agree exactly on n and
 * events and to rounding on shares, differences and SEs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { locateInputs, runAnalysis, simulateExtract, writeExtract, type Results } from '../../src/index.js';
import { tempDir } from '../tempFiles.js';

const OUTCOMES: Record<string, string[]> = {
  work: ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'],
  employment: ['work_unsubsidized', 'work_subsidized', 'work_sheltered'],
  work_unsubsidized: ['work_unsubsidized'],
  work_subsidized: ['work_subsidized'],
  work_sheltered: ['work_sheltered'],
  education: ['education'],
};
const DAY = 86_400_000;

const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** addMonths of data-contract §3: the same day k months on, clamped to the month's length. */
function addMonths(day: number, k: number): number {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + k;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY;
}

function parseWhole(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

interface Cell {
  n: number;
  events: number;
}

/** n and events by `outcome|subgroup|arm|month`, person by person. */
function straightforwardCells(dir: string, extractDate: string, subgroups: string[]): Map<string, Cell> {
  const typeOfCode = new Map(parseWhole(join(dir, 'codes.csv')).map((row) => [row.code, row.type]));
  const spellsOf = new Map<string, { start: number; end: number; type: string }[]>();
  const extract = dayOf(extractDate);
  for (const row of parseWhole(join(dir, 'spells.csv'))) {
    const list = spellsOf.get(row.person_id) ?? [];
    list.push({ start: dayOf(row.start), end: row.end === '' ? extract : dayOf(row.end), type: typeOfCode.get(row.type) ?? row.type });
    spellsOf.set(row.person_id, list);
  }
  const cells = new Map<string, Cell>();
  const add = (key: string, event: boolean) => {
    const cell = cells.get(key) ?? { n: 0, events: 0 };
    cell.n++;
    if (event) cell.events++;
    cells.set(key, cell);
  };
  for (const person of parseWhole(join(dir, 'participants.csv'))) {
    const randomized = dayOf(person.randomized_on);
    const levels = ['all', ...subgroups.map((name) => `${name}=${person[name]}`)];
    for (let month = 1; month <= 15; month++) {
      const windowEnd = addMonths(randomized, month) - 1;
      if (windowEnd > extract) continue;
      for (const [outcome, types] of Object.entries(OUTCOMES)) {
        // Rule `end`: a qualifying spell covers the window's last day.
        const event = (spellsOf.get(person.person_id) ?? []).some((s) => types.includes(s.type) && s.start <= windowEnd && s.end >= windowEnd);
        for (const level of levels) add(`${outcome}|${level}|${person.arm}|${month}`, event);
      }
    }
  }
  return cells;
}

function checkAgainstStraightforward(results: Results, cells: Map<string, Cell>): number {
  const shareKey = (r: { outcome: string; subgroup: string; arm: string; month: number | null }) => `${r.outcome}|${r.subgroup}|${r.arm}|${r.month}`;
  let compared = 0;
  for (const row of results.shares) {
    const cell = cells.get(shareKey(row)) ?? { n: 0, events: 0 };
    expect({ key: shareKey(row), n: row.n, events: row.events }).toEqual({ key: shareKey(row), n: cell.n, events: cell.events });
    if (cell.n > 0) expect(row.share).toBeCloseTo(cell.events / cell.n, 14);
    compared++;
  }
  const variance = (c: Cell) => {
    const p = c.events / c.n;
    return (c.n * p * (1 - p)) / (c.n - 1);
  };
  for (const row of results.effects) {
    if (row.month === null) continue;
    const arm = cells.get(shareKey(row));
    const ref = cells.get(shareKey({ ...row, arm: row.reference }));
    if (!arm || !ref || arm.n < 2 || ref.n < 2) continue;
    expect(row.estimate).toBeCloseTo(arm.events / arm.n - ref.events / ref.n, 14);
    expect(row.se).toBeCloseTo(Math.sqrt(variance(arm) / arm.n + variance(ref) / ref.n), 14);
    compared++;
  }
  return compared;
}

describe('the pipeline agrees with the straightforward path', () => {
  it('on the fixture', async () => {
    const dir = 'fixtures/ae-trial';
    const results = await runAnalysis(locateInputs(dir), { overrides: { bootstrap: { replicates: 20 }, inference: { permutations: 20 } }, disclosureControl: false });
    const cells = straightforwardCells(dir, results.config.extractDate!, ['gender', 'lss_daily_activity']);
    // 6 outcomes × 5 subgroups × 3 arms × 15 months of shares, 2 arms of effects.
    expect(checkAgainstStraightforward(results, cells)).toBe(6 * 5 * 15 * (3 + 2));
  }, 60_000);

  it('on a 100,000-person extract with censoring', async () => {
    const dir = tempDir();
    await writeExtract(dir, simulateExtract({ n: 100_000, seed: 5 }));
    // An extract date inside follow-up censors the late-randomized persons' last months.
    const extractDate = '2016-09-30';
    const results = await runAnalysis(locateInputs(dir), { overrides: { extractDate, bootstrap: { replicates: 10 }, inference: { permutations: 10 } }, disclosureControl: false });
    expect(results.censoring.some((row) => row.censored > 0)).toBe(true);
    const cells = straightforwardCells(dir, extractDate, ['gender', 'lss_daily_activity']);
    expect(checkAgainstStraightforward(results, cells)).toBe(6 * 5 * 15 * (3 + 2));
  }, 240_000);
});
