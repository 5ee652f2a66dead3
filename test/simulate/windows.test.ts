import { describe, expect, it } from 'vitest';
import { fillWindowEnds, lastMonthNeeded } from '../../src/simulate/windows.js';
import { addMonths, parseDay } from '../../src/time/days.js';

describe('fillWindowEnds', () => {
  it('equals addMonths(r, k) − 1 for every day of 2014–2016 and months −13 … last', () => {
    const out = new Int32Array(80);
    const until = parseDay('2017-04-30')!;
    for (let r = parseDay('2014-01-01')!; r <= parseDay('2016-12-31')!; r++) {
      const last = fillWindowEnds(r, -13, until, out);
      expect(out[last + 13]).toBeGreaterThanOrEqual(until);
      expect(out[last + 12]).toBeLessThan(until);
      expect(lastMonthNeeded(r, until)).toBe(last);
      for (let k = -13; k <= last; k++) {
        if (out[k + 13] !== addMonths(r, k) - 1) expect([r, k, out[k + 13]]).toEqual([r, k, addMonths(r, k) - 1]);
      }
    }
  });
});
