import { describe, expect, it } from 'vitest';
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { monthlySpec } from '../../src/render/monthlySpec.js';
import { sampleResults, suppressShares } from './sampleResults.js';

/** The inline data of a spec built by this project (always `data.values`). */
function specValues(spec: unknown): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}

function subtitle(spec: unknown): string[] {
  return (spec as { title: { subtitle: string[] } }).title.subtitle;
}

describe('figure1Spec', () => {
  it('holds exactly the three primary-month shares of the full sample, in arm order', () => {
    const values = specValues(figure1Spec(sampleResults()));
    expect(values.map((d) => d.arm)).toEqual(['FS', 'SE', 'CM']);
    expect(values.map((d) => d.month)).toEqual([15, 15, 15]);
    expect(values.map((d) => d.share)).toEqual([64 / 355, 92 / 354, 71 / 354]);
  });

  it('embeds aggregate fields only, never counts or person data', () => {
    for (const datum of specValues(figure1Spec(sampleResults()))) {
      expect(Object.keys(datum).sort()).toEqual(['arm', 'ci_high', 'ci_low', 'month', 'share']);
    }
  });

  it('titles the chart in the configured language', () => {
    const en = figure1Spec(sampleResults()) as { title: { text: string } };
    const sv = figure1Spec(sampleResults({ lang: 'sv' })) as { title: { text: string } };
    expect(en.title.text).toBe('Share in work 15 months after randomization');
    expect(sv.title.text).toBe('Andel i arbete 15 månader efter randomisering');
  });

  it('leaves a suppressed arm out of the data and says so in the subtitle', () => {
    const results = suppressShares(sampleResults(), (r) => r.outcome === 'work' && r.subgroup === 'all' && r.month === 15 && r.arm === 'CM');
    const spec = figure1Spec(results);
    expect(specValues(spec).map((d) => d.arm)).toEqual(['FS', 'SE']);
    expect(subtitle(spec)).toContain('1 value suppressed (disclosure control, threshold 5 persons).');
    expect(JSON.stringify(specValues(spec))).not.toContain('null');
  });

  it('has no suppression note when nothing in it is suppressed', () => {
    expect(subtitle(figure1Spec(sampleResults())).join(' ')).not.toContain('suppressed');
  });

  it('does not depend on the order of the result rows', () => {
    const shuffled = sampleResults();
    shuffled.shares.reverse();
    expect(JSON.stringify(figure1Spec(shuffled))).toBe(JSON.stringify(figure1Spec(sampleResults())));
  });
});

describe('monthlySpec', () => {
  it('holds every month 1–15 per arm except the suppressed one', () => {
    const values = specValues(monthlySpec(sampleResults()));
    expect(values).toHaveLength(3 * 15 - 1);
    expect(values.some((d) => d.arm === 'CM' && d.month === 1)).toBe(false);
    expect(values.filter((d) => d.arm === 'SE').map((d) => d.month)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(values.every((d) => typeof d.share === 'number')).toBe(true);
  });

  it('counts the suppressed value in the subtitle', () => {
    expect(subtitle(monthlySpec(sampleResults()))).toContain('1 value suppressed (disclosure control, threshold 5 persons).');
    const two = suppressShares(sampleResults(), (r) => r.outcome === 'work' && r.subgroup === 'all' && r.month === 2 && r.arm === 'FS');
    expect(subtitle(monthlySpec(two))).toContain('2 values suppressed (disclosure control, threshold 5 persons).');
    expect(subtitle(monthlySpec(sampleResults({ lang: 'sv' })))).toContain('1 värde redovisas inte (röjandekontroll, gräns 5 personer).');
  });

  it('draws integer month ticks 1–15 and a CI band under each line', () => {
    const spec = monthlySpec(sampleResults()) as unknown as {
      layer: { mark: { type: string; opacity?: number }; encoding: { x: { axis?: { values: number[] } }; y2?: { field: string } } }[];
    };
    const [band, line] = spec.layer;
    expect(band.mark.type).toBe('area');
    expect(band.mark.opacity).toBeLessThan(0.5);
    expect(band.encoding.y2?.field).toBe('ci_high');
    expect(line.mark.type).toBe('line');
    expect(line.encoding.x.axis?.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});
