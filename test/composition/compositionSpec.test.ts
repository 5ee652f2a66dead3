import { describe, expect, it } from 'vitest';
import { compositionData, compositionSpec, outcomeBoundary } from '../../src/render/compositionSpec.js';
import { STATUS_NAMES } from '../../src/panel/spellTypes.js';
import type { Results, ShareRow } from '../../src/results.js';
import { sampleResults } from '../render/sampleResults.js';

/** Status counts at month 15 per arm (FS, SE, CM), each arm adding up to its n. */
const COUNTS: Record<string, [number, number, number]> = {
  work_unsubsidized: [13, 21, 11],
  work_subsidized: [20, 48, 24],
  work_sheltered: [13, 11, 14],
  education: [19, 14, 22],
  program: [120, 113, 136],
  daily_activity: [19, 13, 15],
  unemployed: [123, 106, 104],
  other: [6, 6, 7],
  none: [22, 22, 21],
};
const N = [355, 354, 354];

function withComposition(hide?: (row: ShareRow) => boolean): Results {
  const results = sampleResults();
  const shares: ShareRow[] = STATUS_NAMES.flatMap((status) =>
    results.arms.map((arm, a) => {
      const row: ShareRow = { outcome: status, subgroup: 'all', arm, month: 15, n: N[a], events: COUNTS[status][a], share: COUNTS[status][a] / N[a], ci_low: null, ci_high: null, suppressed: false };
      return hide?.(row) ? { ...row, n: null, events: null, share: null, suppressed: true } : row;
    }),
  );
  return { ...results, composition: { statuses: [...STATUS_NAMES], shares, effects: [] } };
}

describe('composition chart', () => {
  it('checks its own fixture: every arm’s statuses add up to its n', () => {
    N.forEach((n, a) => expect(STATUS_NAMES.reduce((sum, s) => sum + COUNTS[s][a], 0)).toBe(n));
  });

  it('stacks segments whose heights are exactly the per-status shares, from 0 to 1 per arm', () => {
    const data = compositionData(withComposition(), 15)!;
    expect(data.suppressed).toBe(0);
    ['FS', 'SE', 'CM'].forEach((arm, a) => {
      const segments = data.values.filter((d) => d.arm === arm);
      expect(segments.map((d) => d.status)).toEqual([...STATUS_NAMES]);
      expect(segments[0].start).toBe(0);
      segments.forEach((d, i) => {
        expect(d.share).toBe(COUNTS[d.status][a] / N[a]);
        expect(d.end - d.start).toBeCloseTo(d.share, 14);
        if (i > 0) expect(d.start).toBe(segments[i - 1].end);
      });
      expect(segments[segments.length - 1].end).toBeCloseTo(1, 12);
    });
  });

  it('draws the work line at the sum of the four work statuses (the share in work)', () => {
    const results = withComposition();
    const boundary = outcomeBoundary(results, compositionData(results, 15)!)!;
    const work = ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'];
    boundary.forEach(({ arm, share }, a) => {
      expect(arm).toBe(['FS', 'SE', 'CM'][a]);
      expect(share).toBeCloseTo(work.reduce((sum, s) => sum + COUNTS[s][a], 0) / N[a], 12);
    });
  });

  it('leaves a suppressed status out, says so, and draws no work line through it', () => {
    const results = withComposition((row) => row.arm === 'CM' && row.outcome === 'work_sheltered');
    const spec = compositionSpec(results) as unknown as { data: { values: { arm: string; status: string }[] }; title: { subtitle: string[] }; layer: unknown[] };
    expect(spec.data.values.some((d) => d.arm === 'CM' && d.status === 'work_sheltered')).toBe(false);
    expect(spec.title.subtitle.join(' ')).toContain('1 value suppressed (disclosure control, threshold 5 persons).');
    expect(outcomeBoundary(results, compositionData(results, 15)!)).toBeNull();
    expect(JSON.stringify(spec.data.values)).not.toContain('null');
  });

  it('is absent without a composition section', () => {
    expect(compositionSpec(sampleResults())).toBeNull();
  });
});
