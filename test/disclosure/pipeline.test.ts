/**
 * Disclosure control through the real pipeline: a small simulated trial
 * (many small cells) analysed with control on and off. What control hides
 * must reach no file of the report, chart specs included, and an adversary
 * with the published results must learn no small count.
 */
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicationMarkerFiles } from '../../src/disclosure/index.js';
import { locateInputs } from '../../src/pipeline/inputs.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { buildReportFiles } from '../../src/report/buildReportFiles.js';
import type { EffectRow, InteractionRow, PersonOutcomeRow, Results, ShareRow } from '../../src/results.js';
import { simulateExtract, writeExtract } from '../../src/simulate/index.js';
import { tempDir } from '../tempFiles.js';
import { attack } from './attacker.js';
import { smallCell } from './syntheticTrial.js';

let on: Results;
let off: Results;
let files: Map<string, string>;

const overrides = { bootstrap: { replicates: 30 }, inference: { permutations: 50 } };

beforeAll(async () => {
  const dir = tempDir();
  await writeExtract(dir, simulateExtract({ n: 150, seed: 3 }));
  on = await runAnalysis(locateInputs(dir), { overrides });
  off = await runAnalysis(locateInputs(dir), { overrides, disclosureControl: false });
  files = await buildReportFiles(on);
});

type Row = ShareRow | EffectRow | InteractionRow | PersonOutcomeRow;
const tablesOf = (r: Results): Row[][] => {
  const c = r.composition as { shares?: ShareRow[]; effects?: EffectRow[] } | undefined;
  return [r.shares, r.effects, c?.shares ?? [], c?.effects ?? [], r.interactions ?? [], r.person_outcomes ?? []];
};
const numbersOf = (row: Row): number[] => Object.entries(row).filter(([k, v]) => k !== 'month' && typeof v === 'number').map(([, v]) => v as number);

/** The data a Vega-Lite spec embeds (`data.values` at any level, `datasets`): where results enter a chart. */
function embeddedData(spec: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(spec)) spec.forEach((v) => embeddedData(v, out));
  else if (spec !== null && typeof spec === 'object') {
    for (const [key, value] of Object.entries(spec)) {
      if (key === 'datasets') out.push(value);
      else if (key === 'data' && value !== null && typeof value === 'object' && 'values' in value) out.push((value as { values: unknown }).values);
      else embeddedData(value, out);
    }
  }
  return out;
}

function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value !== null && typeof value === 'object') {
    // A month places a point; it is not a value of the results.
    for (const [key, v] of Object.entries(value)) if (key !== 'month') numbersIn(v, out);
  }
  return out;
}

describe('disclosure control through runAnalysis', () => {
  it('hides cells in this small trial, complementary ones among them', () => {
    expect(on.disclosure!.applied).toBe(true);
    expect(on.disclosure!.primary_suppressed).toBeGreaterThan(0);
    expect(on.disclosure!.complementary_suppressed).toBeGreaterThan(0);
  });

  it('publishes the true value of every shown cell and nothing of a hidden one', () => {
    const truth = tablesOf(off);
    tablesOf(on).forEach((rows, t) => {
      expect(rows).toHaveLength(truth[t].length);
      rows.forEach((row, i) => {
        if (row.suppressed) expect(numbersOf(row)).toEqual([]);
        else expect(row).toEqual(truth[t][i]);
      });
    });
  });

  it('shows no small cell and lets the adversary recover none', () => {
    const min = on.config.minCellSize;
    for (const rows of [tablesOf(on)[0], tablesOf(on)[2]] as ShareRow[][]) {
      for (const r of rows) if (!r.suppressed) expect(smallCell(r.n!, r.events!, min), JSON.stringify(r)).toBe(false);
    }
    expect(attack(on, off)).toEqual([]);
  });

  it('shows an interaction only where both effects it is built from are shown', () => {
    const effects = new Map(on.effects.map((e) => [JSON.stringify([e.outcome, e.subgroup, e.arm, e.month]), e]));
    for (const row of on.interactions ?? []) {
      const built = row.levels.map((level) => effects.get(JSON.stringify([row.outcome, `${row.subgroup_variable}=${level}`, row.arm, row.month])));
      if (!row.suppressed) expect(built.every((e) => e !== undefined && !e.suppressed), JSON.stringify(row)).toBe(true);
      if (built.some((e) => e === undefined || e.suppressed)) expect(row.suppressed, JSON.stringify(row)).toBe(true);
    }
  });

  it('puts no hidden value into any chart spec', () => {
    const shown = new Set(tablesOf(on).flat().flatMap(numbersOf));
    // p-values of randomization inference lie on the grid (1 + k) / (1 + R),
    // which meets the shares k / n of an arm of R + 1 persons by chance (here
    // R = 50 and an arm of 51): they are left out of the comparison, and no
    // chart shows a p-value.
    const charted = (row: Row): number[] => numbersOf({ ...row, p: null, p_holm: null } as Row);
    const hiddenOnly = new Set(
      tablesOf(off).flatMap((rows, t) => rows.filter((_, i) => tablesOf(on)[t][i].suppressed).flatMap(charted)).filter((v) => !shown.has(v)),
    );
    expect(hiddenOnly.size).toBeGreaterThan(0);
    const specs = [...files.keys()].filter((name) => name.endsWith('.vl.json'));
    expect(specs.length).toBeGreaterThan(0);
    for (const name of specs) {
      const data = embeddedData(JSON.parse(files.get(name)!));
      expect(data.length, name).toBeGreaterThan(0);
      const leaked = numbersIn(data).filter((v) => hiddenOnly.has(v));
      expect(leaked, name).toEqual([]);
    }
  });

  it('leaves the value cells of hidden rows empty in the CSV tables', () => {
    const tables: [string, Row[]][] = [['tables/shares.csv', on.shares], ['tables/effects.csv', on.effects]];
    if (on.interactions !== undefined) tables.push(['tables/interactions.csv', on.interactions]);
    if (on.person_outcomes !== undefined) tables.push(['tables/person_outcomes.csv', on.person_outcomes]);
    for (const [name, rows] of tables) {
      const parsed = Papa.parse<Record<string, string>>(files.get(name)!, { header: true, skipEmptyLines: true }).data;
      expect(parsed).toHaveLength(rows.length);
      parsed.forEach((cells, i) => {
        if (!rows[i].suppressed) return;
        for (const column of ['n', 'events', 'share', 'mean', 'estimate', 'se', 'ci_low', 'ci_high', 'p', 'p_holm', 'band_low', 'band_high']) if (column in cells) expect(cells[column], `${name} row ${i} ${column}`).toBe('');
      });
    }
  });

  it('marks a report without control as not for publication, and only that one', async () => {
    const offFiles = await buildReportFiles(off);
    expect(offFiles.get('report.md')!).toMatch(/^# .*\n\n## NOT FOR PUBLICATION\n/);
    expect(offFiles.get('report.html')!).toContain('<h2>NOT FOR PUBLICATION</h2>');
    expect([...publicationMarkerFiles(off).keys()]).toEqual(['NOT-FOR-PUBLICATION.txt', 'tables/NOT-FOR-PUBLICATION.txt']);
    expect(files.get('report.md')!).not.toContain('NOT FOR PUBLICATION');
    expect(publicationMarkerFiles(on).size).toBe(0);
  });
});
