import { describe, expect, it } from 'vitest';
import { amountDecimals, formatAmount, formatCount, formatInterval, formatP, formatPClause, formatPercent, formatPoints } from '../../src/report/format.js';

describe('report number formats', () => {
  it('prints shares as percent with one decimal', () => {
    expect(formatPercent(0.2599)).toBe('26.0 %');
    expect(formatPercent(0.18028169014084508)).toBe('18.0 %');
    expect(formatPercent(0)).toBe('0.0 %');
  });

  it('prints differences in percentage points without a negative zero', () => {
    expect(formatPoints(0.0796)).toBe('8.0');
    expect(formatPoints(-0.038)).toBe('-3.8');
    expect(formatPoints(-0.0004)).toBe('0.0');
    expect(formatInterval(0.02, 0.139, 'to')).toBe('2.0 to 13.9');
  });

  it('prints p-values with three decimals or as < 0.001', () => {
    expect(formatP(0.011)).toBe('0.011');
    expect(formatP(0.5)).toBe('0.500');
    expect(formatP(0.001)).toBe('0.001');
    expect(formatP(0.000999)).toBe('< 0.001');
    expect(formatPClause(0.011)).toBe('p = 0.011');
    expect(formatPClause(0.0001)).toBe('p < 0.001');
  });

  it('groups thousands with a thin space', () => {
    expect(formatCount(1063)).toBe('1\u2009063');
    expect(formatCount(24510)).toBe('24\u2009510');
    expect(formatCount(355)).toBe('355');
  });

  it('prints person-level values in their own units, decimals by the size of the outcome', () => {
    expect(amountDecimals([10250.5, -800, null])).toBe(0);
    expect(amountDecimals([25.1, 0.3])).toBe(1);
    expect(amountDecimals([0.15, -0.07])).toBe(2);
    expect(amountDecimals([null])).toBe(2);
    expect(formatAmount(1849.5, 0)).toBe('1\u2009850');
    expect(formatAmount(-12050.4, 0)).toBe('-12\u2009050');
    expect(formatAmount(-0.004, 2)).toBe('0.00');
    expect(formatAmount(1234.5678, 1)).toBe('1\u2009234.6');
  });
});
