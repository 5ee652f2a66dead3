import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { halfWordThreshold, HalfWords } from '../../src/random/halfWords.js';
import { RandomStream } from '../../src/random/stream.js';

// The project's declaration of jstat (src/types) covers what src uses; this one is the test's own.
const { chisquare } = jStat as unknown as { chisquare: { inv(p: number, df: number): number } };

describe('HalfWords', () => {
  it('draws integers in [0, m) uniformly, two per 32-bit output (chi-square, 0.1 % level)', () => {
    const rng = new RandomStream(42, 7);
    const halves = new HalfWords();
    halves.start(rng);
    // Small, awkward (a large rejection zone: 65536 mod 40000 = 25536), the largest half-word range, and one beyond it.
    for (const m of [1, 2, 3, 7, 355, 40000, 65536, 70001]) {
      const bins = Math.min(m, 50);
      const draws = 200 * bins;
      const counts = new Float64Array(bins);
      let outside = 0;
      for (let i = 0; i < draws; i++) {
        const k = halves.below(m, halfWordThreshold(m));
        if (!(Number.isInteger(k) && k >= 0 && k < m)) outside++;
        else counts[Math.floor((k * bins) / m)]++;
      }
      expect(outside).toBe(0);
      if (bins < 2) continue;
      // Equal bins of [0, m) (m a multiple of the bins, or many values per bin: expected counts proportional to bin widths).
      const expected = Array.from({ length: bins }, (_, j) => (draws * (Math.ceil(((j + 1) * m) / bins) - Math.ceil((j * m) / bins))) / m);
      const chi2 = counts.reduce((sum, c, j) => sum + (c - expected[j]) ** 2 / expected[j], 0);
      expect(chi2, `m = ${m}`).toBeLessThan(chisquare.inv(0.999, bins - 1));
    }
  });

  it('uses both halves of an output, high half first, and depends on the stream only once started', () => {
    const rng = new RandomStream(3, 3);
    const u = new RandomStream(3, 3).nextUint32();
    const halves = new HalfWords();
    halves.start(rng);
    expect(halves.below(65536, 0)).toBe(u >>> 16);
    expect(halves.below(65536, 0)).toBe(u & 0xffff);
    const take = () => {
      halves.start(new RandomStream(9, 1));
      return Array.from({ length: 9 }, (_, i) => halves.below(3 + i, halfWordThreshold(3 + i)));
    };
    expect(take()).toEqual(take());
  });

  it('drawMany makes the very draws of below(), one by one, and leaves the stream and the pending half where they would', () => {
    for (const m of [1, 2, 7, 355, 40000, 65536, 70001]) {
      for (const x of [0, 1, 2, 5, 3000]) {
        const one = new RandomStream(9, m + x);
        const bulk = new RandomStream(9, m + x);
        const byOne = new HalfWords();
        const inBulk = new HalfWords();
        byOne.start(one);
        inBulk.start(bulk);
        // An odd number of draws first, so that a half is pending when the bulk draws begin.
        byOne.below(5, halfWordThreshold(5));
        inBulk.below(5, halfWordThreshold(5));
        const expected = Array.from({ length: x }, () => byOne.below(m, halfWordThreshold(m)));
        const drawn = inBulk.drawMany(m, halfWordThreshold(m), x);
        expect(Array.from(drawn.subarray(0, x)), `m = ${m}, x = ${x}`).toEqual(expected);
        // The next draws, of either kind, agree too.
        expect(inBulk.below(11, halfWordThreshold(11))).toBe(byOne.below(11, halfWordThreshold(11)));
        expect(bulk.nextUint32()).toBe(one.nextUint32());
      }
    }
  });
});
