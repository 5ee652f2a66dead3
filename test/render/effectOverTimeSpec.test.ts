import { describe, expect, it } from 'vitest';
import { effectOverTimeSpec } from '../../src/render/effectOverTimeSpec.js';
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { monthlySpec } from '../../src/render/monthlySpec.js';
import { renderSvg } from '../../src/render/renderSvg.js';
import { sampleResults, withInference } from './sampleResults.js';

interface Datum {
  arm: string;
  comparison: string;
  month: number;
  estimate: number;
  ci_low: number;
  ci_high: number;
  band_low: number;
  band_high: number;
}

interface Layer {
  mark: { type: string; opacity?: number };
  transform?: unknown[];
  encoding: { y: { field?: string; datum?: number; title: string }; y2?: { field: string } };
}

interface Spec {
  title: { text: string; subtitle: string[] };
  data: { values: Datum[] };
  facet: { column: { field: string; sort: string[] } };
  spec: { layer: Layer[] };
}

const spec = (results = withInference(sampleResults())): Spec => effectOverTimeSpec(results) as unknown as Spec;

describe('effectOverTimeSpec', () => {
  it('is null when no effect carries a simultaneous band', () => {
    expect(effectOverTimeSpec(sampleResults())).toBeNull();
  });

  it('holds the difference, its interval and the band by month for each compared arm', () => {
    const values = spec().data.values;
    expect(values.map((d) => d.arm)).toEqual([...Array(15).fill('SE'), ...Array(15).fill('CM')]);
    expect(values.filter((d) => d.arm === 'CM').map((d) => d.month)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // SE at month 15: 92/354 − 64/355 = 0.0796; se 0.0310; band ± 2.8 se = −0.0073 to 0.1665.
    const p1 = 92 / 354;
    const p0 = 64 / 355;
    const se = Math.sqrt((p1 * (1 - p1)) / 353 + (p0 * (1 - p0)) / 354);
    const last = values.find((d) => d.arm === 'SE' && d.month === 15)!;
    expect(last.comparison).toBe('SE − FS');
    expect(last.estimate).toBe(p1 - p0);
    expect(last.band_low).toBe(p1 - p0 - 2.8 * se);
    expect(last.band_high).toBe(p1 - p0 + 2.8 * se);
    expect(last.band_low).toBeCloseTo(-0.00726, 5);
    expect(last.band_high).toBeCloseTo(0.16647, 5);
    expect(last.ci_low).toBe(p1 - p0 - 1.959963984540054 * se);
  });

  it('embeds aggregate fields only, and no person-level or other outcome rows', () => {
    const results = withInference(sampleResults());
    // A row with month null (person-level) under the primary outcome's name stays out of a chart by month.
    results.effects.push({ ...results.effects.find((e) => e.month === null)!, outcome: 'work' });
    const values = spec(results).data.values;
    for (const datum of values) expect(Object.keys(datum).sort()).toEqual(['arm', 'band_high', 'band_low', 'ci_high', 'ci_low', 'comparison', 'estimate', 'month']);
    expect(values).toHaveLength(30);
    expect(values.every((d) => typeof d.month === 'number')).toBe(true);
  });

  it('leaves a suppressed month out and says so', () => {
    const results = withInference(sampleResults());
    const hidden = results.effects.find((e) => e.outcome === 'work' && e.subgroup === 'all' && e.arm === 'CM' && e.month === 4)!;
    Object.assign(hidden, { estimate: null, se: null, ci_low: null, ci_high: null, p: null, band_low: null, band_high: null, suppressed: true });
    const built = spec(results);
    expect(built.data.values.some((d) => d.arm === 'CM' && d.month === 4)).toBe(false);
    expect(built.data.values).toHaveLength(29);
    expect(built.title.subtitle).toContain('1 value suppressed (disclosure control, threshold 5 persons).');
  });

  it('draws the band as a light area, a zero line, interval bars and the line, one panel per arm', () => {
    const built = spec();
    const [band, zero, bars, line] = built.spec.layer;
    expect(band.mark.type).toBe('area');
    expect(band.mark.opacity).toBeLessThan(0.5);
    expect([band.encoding.y.field, band.encoding.y2?.field]).toEqual(['band_low', 'band_high']);
    expect(zero.mark.type).toBe('rule');
    expect(zero.encoding.y.datum).toBe(0);
    expect(bars.mark.type).toBe('errorbar');
    expect([bars.encoding.y.field, bars.encoding.y2?.field]).toEqual(['ci_low', 'ci_high']);
    expect(line.mark.type).toBe('line');
    expect(line.encoding.y.field).toBe('estimate');
    expect(built.facet.column).toMatchObject({ field: 'comparison', sort: ['SE − FS', 'CM − FS'] });
    expect(built.title.subtitle).toEqual([
      'Points and bars: difference and 95 % confidence interval in each month (bootstrap).',
      'Light band: 95 % simultaneous band (sup-t), covering the whole curve with 95 % probability.',
    ]);
  });

  it('speaks Swedish when the report does', () => {
    const built = spec(withInference(sampleResults({ lang: 'sv' })));
    expect(built.title.text).toBe('Skillnad mot FS i andel i arbete, per månad');
    expect(built.spec.layer[3].encoding.y.title).toBe('Skillnad mot FS (procentenheter)');
    expect(built.title.subtitle[1]).toBe('Ljust band: 95 % simultant band (sup-t), som täcker hela kurvan med 95 % sannolikhet.');
  });

  it('does not depend on the order of the result rows', () => {
    const shuffled = withInference(sampleResults());
    shuffled.effects.reverse();
    expect(JSON.stringify(spec(shuffled))).toBe(JSON.stringify(spec()));
  });

  it('renders to SVG with a panel per arm, in both languages', async () => {
    const svg = await renderSvg(effectOverTimeSpec(withInference(sampleResults()))!);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Difference from FS in the share in work, by month', 'SE − FS', 'CM − FS', 'Difference from FS (percentage points)']) expect(svg).toContain(text);
    const sv = await renderSvg(effectOverTimeSpec(withInference(sampleResults({ lang: 'sv' })))!);
    expect(sv).toContain('Skillnad mot FS (procentenheter)');
    expect(sv).toContain('Månader efter randomisering');
  });

  it('renders names with line breaks in axis titles (Vega-Lite would put them raw into an expression)', async () => {
    const cases: [string, string][] = [['two\nlines', 'two\nlines'], ['c\r\nd', 'c\r\nd'], ['FS', 'a\u2028b']];
    for (const [reference, outcome] of cases) {
      const results = withInference(sampleResults({ arms: [reference, 'SE', 'CM'], outcomes: [outcome, 'employment'] }));
      const built = effectOverTimeSpec(results)!;
      expect((built as unknown as Spec).spec.layer[0].encoding.y.title).not.toMatch(/[\r\n\u2028]/);
      for (const spec of [built, figure1Spec(results), monthlySpec(results)]) await expect(renderSvg(spec)).resolves.toMatch(/^<svg/);
    }
  });
});
