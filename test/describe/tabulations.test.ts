/**
 * County-mapping tabulations: counts and totals on a hand-made file, age
 * groups, the rows variable, and disclosure control on a file built to have
 * small municipalities.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePopulations } from '../../src/describe/describePopulations.js';
import type { CountValue, DescribeResult, Tabulation } from '../../src/describe/types.js';
import { tempDir } from '../tempFiles.js';

// Alby: a1 K 20, a2 M 22, a6 K 21; Bro: a3 K 25, a4 K (no age), a5 M 29, a7 (no gender) 31.
const A = `person_id,gender,age,diagnosis_group,municipality,block
a1,K,20,F70-79,Alby,01
a2,M,22,F80-89,Alby,01
a3,K,25,F70-79,Bro,02
a4,K,,F90-98,Bro,02
a5,M,29,F80-89,Bro,02
a6,K,21,F80-89,Alby,01
a7,,31,F70-79,Bro,02
`;

const counts = (values: CountValue[]) => values.map((v) => v.count);

function tab(result: DescribeResult, columns: string): Tabulation {
  const found = result.tabulations.find((t) => t.columns_variable === columns);
  if (!found) throw new Error(`no tabulation by ${columns}`);
  return found;
}

async function describeA(options = {}): Promise<DescribeResult> {
  const dir = tempDir({ 'a.csv': A });
  return describePopulations([{ path: join(dir, 'a.csv'), name: 'County' }], { minCellSize: 1, ...options });
}

describe('tabulations', () => {
  it('count persons by municipality × gender with row and column totals and a (missing) column', async () => {
    const gender = tab(await describeA(), 'gender');
    expect(gender.rows_variable).toBe('municipality');
    expect(gender.column_levels).toEqual(['K', 'M', null]);
    expect(gender.rows.map((r) => [r.level, ...counts(r.cells), r.total.count])).toEqual([
      ['Alby', 2, 1, 0, 3],
      ['Bro', 2, 1, 1, 4],
    ]);
    expect([...counts(gender.total.cells), gender.total.total.count]).toEqual([4, 2, 1, 7]);
    expect(gender.file).toBe('tables/tab-county-gender.csv');
  });

  it('count persons by age group, with persons outside the groups and without an age', async () => {
    const age = tab(await describeA(), 'age_group');
    expect(age.column_levels).toEqual(['19–21', '22–24', '25–27', '28–29', 'other ages', null]);
    expect(age.rows.map((r) => [r.level, ...counts(r.cells), r.total.count])).toEqual([
      ['Alby', 2, 1, 0, 0, 0, 0, 3],
      ['Bro', 0, 0, 1, 1, 1, 1, 4],
    ]);
  });

  it('take configurable age groups', async () => {
    const age = tab(await describeA({ ageGroups: '20-24,25-34' }), 'age_group');
    expect(age.column_levels).toEqual(['20–24', '25–34', null]);
    expect([...counts(age.total.cells), age.total.total.count]).toEqual([3, 3, 1, 7]);
  });

  it('count by a categorical column, and by block when asked', async () => {
    const result = await describeA({ by: 'block' });
    const diagnosis = tab(result, 'diagnosis_group');
    expect(diagnosis.rows_variable).toBe('block');
    expect(diagnosis.rows.map((r) => [r.level, ...counts(r.cells)])).toEqual([
      ['01', 1, 2, 0],
      ['02', 2, 1, 1],
    ]);
  });

  it('fall back to block without a municipality column, and are left out (with a warning) without either', async () => {
    const dir = tempDir({
      'b.csv': 'person_id,gender,block\nb1,K,X\nb2,M,Y\n',
      'c.csv': 'person_id,gender\nc1,K\n',
    });
    const result = await describePopulations([{ path: join(dir, 'b.csv') }, { path: join(dir, 'c.csv') }], { minCellSize: 1 });
    expect(result.tabulations.map((t) => [t.population, t.rows_variable])).toEqual([['b', 'block']]);
    expect(result.warnings).toEqual(['c has no municipality or block column: no tabulations for it']);
  });

  it('keep small cells from being shown or worked out, in every table of a population', async () => {
    // Municipality sizes 40, 30, 3, 12, 1; genders and diagnoses vary so some cells are small.
    const sizes: [string, number][] = [['Alby', 40], ['Bro', 30], ['Dal', 3], ['Ed', 12], ['Fors', 1]];
    const lines: string[] = [];
    let id = 0;
    for (const [place, size] of sizes) {
      for (let i = 0; i < size; i++) {
        id++;
        lines.push(`q${id},${i % 3 === 0 ? 'M' : 'K'},${19 + (i % 11)},${['F70-79', 'F80-89', 'F90-98'][Math.min(2, i % 7)]},${place}`);
      }
    }
    const dir = tempDir({ 'q.csv': `person_id,gender,age,diagnosis_group,municipality\n${lines.join('\n')}\n` });
    const result = await describePopulations([{ path: join(dir, 'q.csv') }], {});
    const rowTotals = new Map<string, CountValue>();
    for (const t of result.tabulations) {
      const table = [...t.rows.map((r) => [...r.cells, r.total]), [...t.total.cells, t.total.total]];
      for (const line of table) for (const cell of line) if (!cell.suppressed) expect(cell.count! < 1 || cell.count! >= 5).toBe(true);
      const columns = table[0].map((_, c) => table.map((line) => line[c]));
      for (const line of [...table, ...columns]) {
        const hidden = line.filter((cell) => cell.suppressed).length;
        expect(hidden === 0 || hidden >= 2, `${t.columns_variable}: a line with one hidden cell`).toBe(true);
      }
      // A municipality's total is the same cell in every tabulation: hidden in one means hidden in all.
      for (const r of t.rows) {
        const seen = rowTotals.get(String(r.level));
        if (seen) expect(r.total).toEqual(seen);
        rowTotals.set(String(r.level), r.total);
      }
      // Dal (3 persons) and Fors (1) are hidden whole, zeros included.
      for (const r of t.rows.filter((r) => r.level === 'Dal' || r.level === 'Fors')) {
        expect(r.cells.every((c) => c.suppressed) && r.total.suppressed, `${t.columns_variable} ${r.level}`).toBe(true);
      }
    }
    expect(rowTotals.get('Alby')).toEqual({ count: 40, suppressed: false });
  });
});
