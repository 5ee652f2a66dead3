import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDay, dayFromCivil, formatDay, parseDay } from '../../src/time/days.js';

const day = (iso: string) => parseDay(iso)!;

describe('calendar days', () => {
  it('agrees with the platform UTC calendar on every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86400000;
    const last = Date.UTC(2100, 11, 31) / 86400000;
    const wrong: number[] = [];
    for (let d = first; d <= last; d++) {
      const date = new Date(d * 86400000);
      const civil = civilFromDay(d);
      const same = civil.year === date.getUTCFullYear() && civil.month === date.getUTCMonth() + 1 && civil.day === date.getUTCDate();
      if (!same || dayFromCivil(civil.year, civil.month, civil.day) !== d) wrong.push(d);
    }
    expect(wrong).toEqual([]);
  });

  it('parses ISO and register (YYYYMMDD) dates to the same day', () => {
    expect(parseDay('2016-02-29')).toBe(Date.UTC(2016, 1, 29) / 86400000);
    expect(parseDay('20160229')).toBe(parseDay('2016-02-29'));
    expect(formatDay(day('2014-11-03'))).toBe('2014-11-03');
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const text of ['2015-02-29', '2015-02-30', '2015-13-01', '2015-00-10', '2015-04-31', '20150230', '2015-1-01', '15-01-01', 'abcd-ef-gh', '', '2015/01/01']) {
      expect(parseDay(text), text).toBeUndefined();
    }
    expect(parseDay('2000-02-29')).toBeDefined(); // divisible by 400: leap
    expect(parseDay('1900-02-29')).toBeUndefined(); // divisible by 100: not leap
  });
});

describe('addMonths (data-contract §3)', () => {
  it('clamps the day to the end of the target month, as the contract examples say', () => {
    expect(formatDay(addMonths(day('2015-01-31'), 1))).toBe('2015-02-28');
    expect(formatDay(addMonths(day('2016-01-31'), 1))).toBe('2016-02-29');
  });

  it('moves across years in both directions', () => {
    expect(formatDay(addMonths(day('2015-11-30'), 3))).toBe('2016-02-29');
    expect(formatDay(addMonths(day('2015-03-31'), -1))).toBe('2015-02-28');
    expect(formatDay(addMonths(day('2015-01-15'), -2))).toBe('2014-11-15');
    expect(formatDay(addMonths(day('2015-05-31'), 15))).toBe('2016-08-31');
    expect(formatDay(addMonths(day('2015-07-10'), 0))).toBe('2015-07-10');
  });

  it('never chains: month windows from the 31st tile time with no gap or overlap', () => {
    const r = day('2015-01-31');
    for (let m = 1; m <= 24; m++) {
      const start = addMonths(r, m - 1);
      const nextStart = addMonths(r, m);
      expect(nextStart).toBeGreaterThan(start);
      // day m+1 starts the day after month m ends
      expect(addMonths(r, m) - 1 + 1).toBe(nextStart);
    }
    // chaining would give 2015-03-28 for two months after 2015-01-31
    expect(formatDay(addMonths(r, 2))).toBe('2015-03-31');
  });
});
