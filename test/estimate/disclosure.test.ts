import { describe, expect, it } from 'vitest';
import { isSmallCell } from '../../src/estimate/disclosure.js';

describe('isSmallCell (threshold 5)', () => {
  it('suppresses small denominators and 1–4 persons in or out of the outcome', () => {
    expect(isSmallCell(0, 4, 5)).toBe(true);
    expect(isSmallCell(3, 100, 5)).toBe(true);
    expect(isSmallCell(97, 100, 5)).toBe(true);
    expect(isSmallCell(4, 9, 5)).toBe(true);
  });

  it('keeps zero and complete shares and cells at the threshold', () => {
    expect(isSmallCell(0, 100, 5)).toBe(false);
    expect(isSmallCell(100, 100, 5)).toBe(false);
    expect(isSmallCell(5, 10, 5)).toBe(false);
    expect(isSmallCell(92, 354, 5)).toBe(false);
  });
});
