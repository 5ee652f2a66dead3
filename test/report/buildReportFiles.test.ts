import { describe, expect, it } from 'vitest';
import { buildReportFiles } from '../../src/report/buildReportFiles.js';
import { sampleResults } from '../render/sampleResults.js';

describe('buildReportFiles', () => {
  it('produces the full set of report files', async () => {
    const files = await buildReportFiles(sampleResults());
    expect([...files.keys()].sort()).toEqual([
      'charts/figure1.svg',
      'charts/figure1.vl.json',
      'charts/monthly.svg',
      'charts/monthly.vl.json',
      'report.html',
      'report.md',
      'results.json',
      'tables/effects.csv',
      'tables/shares.csv',
    ]);
  });

  it('gives byte-identical files for the same results', async () => {
    const first = await buildReportFiles(sampleResults());
    const second = await buildReportFiles(sampleResults());
    for (const [name, content] of first) expect(second.get(name), name).toBe(content);
  });

  it('writes standalone chart specs with aggregate data only', async () => {
    const files = await buildReportFiles(sampleResults());
    const spec = JSON.parse(files.get('charts/figure1.vl.json')!);
    expect(spec.$schema).toContain('vega-lite/v5');
    expect(spec.data.values.map((d: { share: number }) => d.share)).toEqual([64 / 355, 92 / 354, 71 / 354]);
    expect(files.get('charts/figure1.svg')).toContain('>26 %</text>');
  });

  it('stops on a non-finite number before producing anything', async () => {
    const results = sampleResults();
    results.effects[0].estimate = Number.NaN;
    await expect(buildReportFiles(results)).rejects.toThrow('results.effects[0].estimate is NaN');
  });

  it('holds no absolute path and no timestamp', async () => {
    const files = await buildReportFiles(sampleResults());
    for (const [name, content] of files) {
      expect(content, name).not.toMatch(/\/(tmp|home|work|Users)\//);
      expect(content, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });
});
