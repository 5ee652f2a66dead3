/**
 * Table 1 on small hand-made files: every expected number below is counted
 * by hand from the rows written here.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePopulations } from '../../src/describe/describePopulations.js';
import type { DescribeResult, Table1Value } from '../../src/describe/types.js';
import { tempDir } from '../tempFiles.js';

// Population A, 6 persons: 4 K; ages 20, 22, 25, –, 29, 21; children 2 of 6;
// diagnoses F70-79 ×2, F80-89 ×2, F90-98 ×1, missing ×1.
const A = `person_id,gender,age,children,diagnosis_group,municipality,arm,randomized_on
a1,K,20,1,F70-79,Alby,FS,2015-01-01
a2,M,22,0,F80-89,Alby,SE,2015-01-02
a3,K,25,0,F70-79,Bro,CM,2015-01-03
a4,K,,1,F90-98,Bro,FS,2015-01-04
a5,M,29,0,,Bro,SE,2015-01-05
a6,K,21,0,F80-89,Alby,CM,2015-01-06
`;
// Population B, 3 persons, no children column, an lss_decision column A lacks.
const B = `person_id,gender,age,lss_decision,diagnosis_group,municipality
b1,M,19,1,F30-39,Alby
b2,M,28,0,F70-79,Alby
b3,K,24,1,F70-79,Alby
`;

async function describeAB(minCellSize = 1): Promise<DescribeResult> {
  const dir = tempDir({ 'a.csv': A, 'b.csv': B });
  return describePopulations([{ path: join(dir, 'a.csv'), name: 'A' }, { path: join(dir, 'b.csv') }], { minCellSize });
}

function row(result: DescribeResult, variable: string, statistic: string, level: string | null = null): Table1Value[] {
  const found = result.table1.find((r) => r.variable === variable && r.statistic === statistic && r.level === level);
  if (!found) throw new Error(`no Table 1 row ${variable} ${statistic} ${level}`);
  return found.values;
}

describe('Table 1', () => {
  it('gives N, means over persons with a value, and shares of all persons', async () => {
    const result = await describeAB();
    expect(result.populations.map((p) => [p.name, p.n, p.rows, p.file])).toEqual([['A', 6, 6, 'a.csv'], ['b', 3, 3, 'b.csv']]);
    expect(row(result, 'N', 'count').map((v) => v.value)).toEqual([6, 3]);
    const female = row(result, 'gender', 'share', 'K');
    expect(female.map((v) => v.value)).toEqual([4 / 6, 1 / 3]);
    expect(female.map((v) => v.count)).toEqual([4, 1]);
    const age = row(result, 'age', 'mean');
    expect(age[0].value).toBeCloseTo((20 + 22 + 25 + 29 + 21) / 5, 12);
    expect(age[0].n).toBe(5);
    expect(age[1].value).toBeCloseTo((19 + 28 + 24) / 3, 12);
    expect(row(result, 'diagnosis_group', 'share', 'F70-79').map((v) => v.value)).toEqual([2 / 6, 2 / 3]);
    expect(row(result, 'diagnosis_group', 'share', 'F30-39').map((v) => v.value)).toEqual([0, 1 / 3]);
    expect(row(result, 'diagnosis_group', 'missing_share').map((v) => v.value)).toEqual([1 / 6, 0]);
  });

  it('describes 0/1 columns as the share of 1 and leaves a column a file lacks blank', async () => {
    const result = await describeAB();
    const children = row(result, 'children', 'share', '1');
    expect(children[0]).toMatchObject({ present: true, value: 2 / 6, n: 6, count: 2, suppressed: false });
    expect(children[1]).toEqual({ population: 'b', present: false, value: null, suppressed: false });
    const lss = row(result, 'lss_decision', 'share', '1');
    expect(lss[0].present).toBe(false);
    expect(lss[1].value).toBe(2 / 3);
    expect(result.columns.map((c) => [c.name, c.kind])).toEqual([
      ['gender', 'gender'], ['age', 'numeric'], ['children', 'binary'], ['diagnosis_group', 'categorical'], ['lss_decision', 'binary'],
    ]);
  });

  it('lists the levels of all populations in order, with a missing row where some value is missing', async () => {
    const result = await describeAB();
    const levels = result.table1.filter((r) => r.variable === 'diagnosis_group').map((r) => r.level ?? r.statistic);
    expect(levels).toEqual(['F30-39', 'F70-79', 'F80-89', 'F90-98', 'missing_share']);
    expect(result.table1.some((r) => r.variable === 'gender' && r.statistic === 'missing_share')).toBe(false);
  });

  it('leaves out the trial design and place columns, and says why', async () => {
    const result = await describeAB();
    expect(result.excluded_columns.map((c) => c.name).sort()).toEqual(['arm', 'municipality', 'randomized_on']);
  });

  it('suppresses small shares, shares with a small complement, and means over fewer than 5 persons', async () => {
    // 12 persons: 10 K and 2 M (K's complement is 2); diagnosis X for 3;
    // income known for 3 only; age known for all.
    const rows = Array.from({ length: 12 }, (_, i) =>
      `p${i},${i < 10 ? 'K' : 'M'},${20 + (i % 5)},${i < 3 ? 'X' : 'Y'},${i < 3 ? 1000 * (i + 1) : ''}`);
    const dir = tempDir({ 'p.csv': `person_id,gender,age,diagnosis_group,income\n${rows.join('\n')}\n` });
    const result = await describePopulations([{ path: join(dir, 'p.csv') }], {});
    expect(row(result, 'N', 'count')[0]).toMatchObject({ value: 12, suppressed: false });
    expect(row(result, 'gender', 'share', 'K')[0]).toMatchObject({ value: null, suppressed: true, count: null });
    expect(row(result, 'diagnosis_group', 'share', 'X')[0]).toMatchObject({ value: null, suppressed: true });
    // Y = 9 is not small, but with N = 12 shown it would give X = 3 away.
    expect(row(result, 'diagnosis_group', 'share', 'Y')[0]).toMatchObject({ value: null, suppressed: true });
    expect(row(result, 'income', 'mean')[0]).toMatchObject({ value: null, suppressed: true, n: null });
    const age = row(result, 'age', 'mean')[0];
    expect(age.suppressed).toBe(false);
    expect(age.value).toBeCloseTo((20 + 21 + 22 + 23 + 24 + 20 + 21 + 22 + 23 + 24 + 20 + 21) / 12, 12);
  });

  it('suppresses N and everything else for a population of fewer than 5', async () => {
    const dir = tempDir({ 'tiny.csv': 'person_id,gender,age\nx1,K,20\nx2,M,21\nx3,K,22\n' });
    const result = await describePopulations([{ path: join(dir, 'tiny.csv') }], {});
    expect(result.populations[0]).toMatchObject({ n: null, n_suppressed: true, rows: null });
    for (const r of result.table1) for (const v of r.values) expect(v.value, `${r.variable} ${r.statistic}`).toBeNull();
  });
});
