/**
 * How columns are read (numbers, codes, categories, dates, identifiers), the
 * column flags, and the data and usage errors with their messages.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePopulations, type DescribeOptions } from '../../src/describe/describePopulations.js';
import { DataError, UsageError } from '../../src/errors.js';
import { tempDir } from '../tempFiles.js';

async function describeFiles(files: Record<string, string>, options: DescribeOptions = {}) {
  const dir = tempDir(files);
  return describePopulations(Object.keys(files).map((name) => ({ path: join(dir, name) })), { minCellSize: 1, ...options });
}

async function dataError(files: Record<string, string>, options: DescribeOptions = {}): Promise<string> {
  const error = await describeFiles(files, options).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return (error as DataError).message;
}

describe('column rules', () => {
  it('read numbers as numbers, kommun codes (leading zero) and words as categories, leave dates out', async () => {
    const result = await describeFiles({
      'p.csv': 'person_id,score,kommun,colour,visit\n1,3,0180,red,2016-01-05\n2,4.5,0380,blue,2016-02-01\n3,-1,0180,red,20160301\n',
    });
    expect(result.columns).toEqual([
      { name: 'score', kind: 'numeric' },
      { name: 'kommun', kind: 'categorical' },
      { name: 'colour', kind: 'categorical' },
    ]);
    expect(result.excluded_columns).toContainEqual({ name: 'visit', reason: 'holds dates, which are not described' });
    expect(result.table1.find((r) => r.variable === 'score')!.values[0].value).toBeCloseTo((3 + 4.5 - 1) / 3, 12);
  });

  it('leave out a column that looks like an identifier, with a warning, so its values are never printed', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'K' : 'M'},case-${1000 + i}`);
    const result = await describeFiles({ 'p.csv': `person_id,gender,case_number\n${rows.join('\n')}\n` });
    expect(result.columns.map((c) => c.name)).toEqual(['gender']);
    expect(result.warnings[0]).toMatch(/^column case_number looks like an identifier/);
    expect(JSON.stringify(result)).not.toContain('case-1001');
  });

  it('take --columns (order, case-insensitive), --categorical and --numeric', async () => {
    const file = { 'p.csv': 'person_id,Age,class,gender\n1,20,1,K\n2,30,2,M\n3,25,3,K\n' };
    const result = await describeFiles(file, { columns: ['CLASS', 'age'], categorical: ['class'] });
    expect(result.columns).toEqual([{ name: 'class', kind: 'categorical' }, { name: 'Age', kind: 'numeric' }]);
    expect(result.table1.filter((r) => r.variable === 'class').map((r) => r.level)).toEqual(['1', '2', '3']);
  });

  it('refuse flags naming a column no file has, or person_id (usage errors)', async () => {
    const file = { 'p.csv': 'person_id,age\n1,20\n' };
    await expect(describeFiles(file, { columns: ['income'] })).rejects.toThrow(UsageError);
    await expect(describeFiles(file, { categorical: ['person_id'] })).rejects.toThrow(/never described/);
    await expect(describeFiles(file, { categorical: ['age'], numeric: ['age'] })).rejects.toThrow(UsageError);
    await expect(describeFiles(file, { ageGroups: '19-21,21-24' })).rejects.toThrow(UsageError);
    await expect(describeFiles(file, { minCellSize: 0 })).rejects.toThrow(UsageError);
  });

  it('refuse two populations with the same name', async () => {
    const dir = tempDir({ 'x/p.csv': 'person_id\n1\n', 'y/p.csv': 'person_id\n2\n' });
    await expect(describePopulations([{ path: join(dir, 'x', 'p.csv') }, { path: join(dir, 'y', 'p.csv') }])).rejects.toThrow(/two populations are named "p"/);
  });
});

describe('data errors', () => {
  it('a missing person_id column', async () => {
    expect(await dataError({ 'p.csv': 'id,age\n1,20\n' })).toContain('p.csv, line 1, column person_id: value "id,age": expected required column person_id');
  });

  it('a duplicate or empty person id', async () => {
    const message = await dataError({ 'p.csv': 'person_id,age\nx1,20\nx2,21\nx1,22\n,23\n' });
    expect(message).toContain('p.csv, line 4, column person_id: expected a unique person id (the same id as on line 2; ids are not shown)');
    expect(message).not.toContain('x1');
    expect(message).toContain('p.csv, line 5, column person_id: value "": expected a person id');
  });

  it('a value that is not a number in a column of numbers, named with file, line, column and value', async () => {
    const message = await dataError({ 'p.csv': 'person_id,age,score\n1,20,1\n2,2O,2\n3,22,x\n4,23,4\n' });
    expect(message).toContain('p.csv, line 3, column age: value "2O": expected a number (age in years)');
    expect(message).toContain('p.csv, line 4, column score: value "x": expected a number (most values in this column are numbers; name it in --categorical to describe it as categories)');
  });

  it('no error for the same column named in --categorical', async () => {
    const result = await describeFiles({ 'p.csv': 'person_id,score\n1,1\n2,2\n3,x\n' }, { categorical: ['score'] });
    expect(result.columns).toEqual([{ name: 'score', kind: 'categorical' }]);
  });

  it('gender other than K/M, lss_daily_activity other than 0/1, a wrong number of fields; all files in one message', async () => {
    const message = await dataError({
      'a.csv': 'person_id,gender,lss_daily_activity\n1,F,0\n2,K,2\n',
      'b.csv': 'person_id,gender\n1,K,extra\n',
    });
    expect(message).toContain('a.csv, line 2, column gender: value "F": expected K or M (woman, man) or empty');
    expect(message).toContain('a.csv, line 3, column lss_daily_activity: value "2": expected 0 or 1 or empty');
    expect(message).toContain('b.csv, line 2: expected 2 fields, found 3');
  });

  it('a --by column a file lacks', async () => {
    expect(await dataError({ 'p.csv': 'person_id,municipality\n1,Alby\n' }, { by: 'district' })).toContain(
      'p.csv, line 1, column district: expected a column district (named by --by)',
    );
  });
});
