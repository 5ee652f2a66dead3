import { describe, expect, it } from 'vitest';
import { FileDecimalMark } from '../../src/read/decimalMark.js';
import { decimalMarkOf, parseNumber } from '../../src/read/numbers.js';

describe('parseNumber', () => {
  it('reads decimal commas with space and no-break-space thousands', () => {
    expect(parseNumber('12 345,50', ',')).toBe(12345.5);
    expect(parseNumber('12\u00a0345,50', ',')).toBe(12345.5);
    expect(parseNumber('1\u202f234\u202f567,25', ',')).toBe(1234567.25);
    expect(parseNumber('43 040,00', ',')).toBe(43040);
    expect(parseNumber('0,5', ',')).toBe(0.5);
    expect(parseNumber('−1\u00a0234,5', ',')).toBe(-1234.5); // Intl 'sv-SE' writes U+2212
  });

  it('reads decimal points, integers and negative numbers', () => {
    expect(parseNumber('12345.50', '.')).toBe(12345.5);
    expect(parseNumber('12 345.50', '.')).toBe(12345.5);
    expect(parseNumber('25792', '.')).toBe(25792);
    expect(parseNumber('25792', ',')).toBe(25792);
    expect(parseNumber('-7.25', '.')).toBe(-7.25);
    expect(parseNumber('  42  ', '.')).toBe(42);
  });

  it('reads 1,234 in a decimal-comma file as 1.234: a comma is never a thousands separator', () => {
    expect(parseNumber('1,234', ',')).toBe(1.234);
    expect(parseNumber('1,234', '.')).toBeUndefined();
    expect(parseNumber('1.234', ',')).toBeUndefined();
    expect(parseNumber('1,234.50', '.')).toBeUndefined();
    expect(parseNumber('1.234,50', ',')).toBeUndefined();
  });

  it('refuses what is not a number', () => {
    for (const text of ['', ' ', '-', 'abc', '12a', '1e5', ',5', '5,', '12 34', '1234 567', '1 2345', '12  345', ' 12 345 ,5', '12 345,5 0', 'NaN', 'Infinity', '0x10']) {
      expect(parseNumber(text, ','), text).toBeUndefined();
    }
  });
});

describe('decimalMarkOf and FileDecimalMark', () => {
  it('tells the mark a number shows, none for integers and text', () => {
    expect(decimalMarkOf('12 345,50')).toBe(',');
    expect(decimalMarkOf('12345.50')).toBe('.');
    expect(decimalMarkOf('12345')).toBeUndefined();
    expect(decimalMarkOf('Dr. No')).toBeUndefined();
    expect(decimalMarkOf('1,234.5')).toBeUndefined();
  });

  it('takes the first mark it sees and refuses the other one after it', () => {
    const marks = new FileDecimalMark();
    expect(marks.parse('100', 2)).toBe(100);
    expect(marks.mark).toBeUndefined();
    expect(marks.parse('12 345,50', 3)).toBe(12345.5);
    expect(marks.mark).toBe(',');
    expect(marks.parse('1,234', 4)).toBe(1.234);
    expect(marks.parse('99.5', 5)).toBeUndefined();
    expect(marks.expected('a cost in SEK')).toBe("a cost in SEK: a number with the decimal mark ',' like the file's other numbers (first on line 3), e.g. 12 345,50");
  });
});
