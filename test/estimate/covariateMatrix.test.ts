import { describe, expect, it } from 'vitest';
import { covariateMatrix } from '../../src/estimate/covariateMatrix.js';
import { DataError } from '../../src/errors.js';

const source = (columns: Record<string, string[]>) => {
  const count = Object.values(columns)[0].length;
  return { count, extraColumns: new Map(Object.entries(columns)), lines: Int32Array.from({ length: count }, (_, p) => p + 2) };
};

describe('covariateMatrix', () => {
  it('keeps numbers and expands a categorical column to dummies for every level but the first, as model.matrix does', () => {
    const m = covariateMatrix(source({ age: ['23', '27,5', '19'], group: ['b', 'a', 'c'] }), ['age', 'group'], 'error', 'participants.csv');
    expect(m.names).toEqual(['age', 'group=b', 'group=c']);
    expect(Array.from(m.values)).toEqual([23, 1, 0, 27.5, 0, 0, 19, 0, 1]);
  });

  it('refuses an empty value by default, naming file, line and column', () => {
    try {
      covariateMatrix(source({ age: ['23', '', '19'] }), ['age'], 'error', 'participants.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues).toEqual([expect.objectContaining({ file: 'participants.csv', line: 3, column: 'age', value: '' })]);
    }
  });

  it('with "indicator", fills a numeric column with its mean plus a missing indicator, and gives a categorical column a missing level', () => {
    const m = covariateMatrix(source({ age: ['20', '', '30'], group: ['a', '', 'b'] }), ['age', 'group'], 'indicator', 'p.csv');
    // levels sorted: '(missing)', 'a', 'b' -> dummies for a and b
    expect(m.names).toEqual(['age', 'age=missing', 'group=a', 'group=b']);
    expect(Array.from(m.values)).toEqual([20, 0, 1, 0, 25, 1, 0, 0, 30, 0, 0, 1]);
  });
});
