import { describe, expect, it } from 'vitest';
import { NonFiniteNumberError, resultsJson } from '../../src/report/resultsJson.js';
import { sampleResults } from '../render/sampleResults.js';

describe('resultsJson', () => {
  it('round-trips every number at full precision, with a final newline', () => {
    const results = sampleResults();
    const text = resultsJson(results);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(results);
    expect(text).toContain(String(64 / 355));
  });

  it('keeps suppressed values as null', () => {
    const parsed = JSON.parse(resultsJson(sampleResults()));
    const suppressed = parsed.shares.filter((row: { suppressed: boolean }) => row.suppressed);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].share).toBeNull();
  });

  it('throws on NaN and names the field', () => {
    const results = sampleResults();
    results.shares[5].ci_low = Number.NaN;
    expect(() => resultsJson(results)).toThrow(NonFiniteNumberError);
    expect(() => resultsJson(results)).toThrow('results.shares[5].ci_low is NaN');
  });

  it('throws on Infinity anywhere, including inside the config', () => {
    const results = sampleResults();
    results.effects[2].se = Number.POSITIVE_INFINITY;
    expect(() => resultsJson(results)).toThrow('results.effects[2].se is Infinity');
    const config = sampleResults();
    config.config.allocation['SE'] = Number.NEGATIVE_INFINITY;
    expect(() => resultsJson(config)).toThrow('results.config.allocation.SE is -Infinity');
  });
});
