import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/reportHtml.js';
import { sampleResults } from '../render/sampleResults.js';
import { renderedCharts } from './renderedCharts.js';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

async function html(results = sampleResults()): Promise<string> {
  return reportHtml(results, await renderedCharts(results));
}

describe('reportHtml', () => {
  it('states the primary result in one sentence per compared arm', async () => {
    const page = await html();
    expect(page).toContain('<title>Effekt report</title>');
    expect(page).toContain('<h1>Effekt report</h1>');
    expect(page).toMatch(/At month 15, 26\.0 % of SE were in work vs 18\.0 % of FS: a difference of 8\.0 percentage points \(95 % CI 1\.9 to 14\.0; p = 0\.010\)\./);
    expect(page).toContain('At month 15, 20.1 % of CM were in work vs 18.0 % of FS');
  });

  it('has every section, both charts inline and the tables', async () => {
    const page = await html();
    for (const heading of ['Summary', 'Figure 1', 'Month by month', 'Shares by month', 'Effects by month', 'Subgroups', 'All outcomes', 'Warnings', 'Methods', 'Provenance']) {
      expect(page).toContain(`<h2>${heading}</h2>`);
    }
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(page).toContain('>26 %</text>');
    // Subgroup effects at the primary month: the men's SE effect.
    expect(page).toMatch(/<td>gender = M<\/td><td>SE<\/td><td class="num">183<\/td><td class="num">31\.7 %<\/td>/);
    // Every outcome at the primary month.
    expect(page).toMatch(/<td>employment<\/td><td>SE<\/td>/);
  });

  it('is self-contained: no scripts, external resources or network addresses', async () => {
    const page = await html();
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|\bsrc=/i);
    const addresses = [...page.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    // Only XML namespace names, which are identifiers and never fetched.
    expect(new Set(addresses)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(page).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('escapes a malicious arm and outcome label everywhere, charts included', async () => {
    const results = sampleResults({ arms: ['FS', SCRIPT, 'CM'], outcomes: [SCRIPT, 'employment'] });
    results.warnings.push(`Odd value ${SCRIPT}`);
    results.inputs.participants.file = `${SCRIPT}.csv`;
    const page = await html(results);
    expect(page).not.toContain('<script');
    expect(page).toContain(`<td>${ESCAPED_SCRIPT}</td>`);
    expect(page).toContain(`<li>Odd value ${ESCAPED_SCRIPT}</li>`);
    expect(page).toContain(`${ESCAPED_SCRIPT}.csv`);
  });

  it('shows suppressed values as – with a footnote on the threshold', async () => {
    const page = await html();
    expect(page).toContain('<td class="num">–</td>');
    expect(page).toContain('<p class="note">– suppressed (disclosure control): fewer than 5 persons in the cell, or hidden so that such a cell cannot be worked out by subtraction.</p>');
  });

  it('formats p-values as 0.011 or < 0.001', async () => {
    const results = sampleResults();
    const effect = results.effects.find((r) => r.outcome === 'work' && r.subgroup === 'all' && r.arm === 'SE' && r.month === 14)!;
    effect.p = 0.0004;
    const page = await html(results);
    expect(page).toContain('<td class="num">&lt; 0.001</td>');
    expect(page).toMatch(/<td class="num">0\.\d{3}<\/td>/);
  });

  it('adds a censoring note only when some month is censored', async () => {
    expect(await html()).not.toContain('<h2>Censoring</h2>');
    const results = sampleResults();
    results.config.extractDate = '2017-03-31';
    results.censoring[14].censored = 12;
    const page = await html(results);
    expect(page).toContain('<h2>Censoring</h2>');
    expect(page).toContain('the register extract date 2017-03-31');
    expect(page).toContain('<tr><td class="num">15</td><td class="num">12</td></tr>');
  });

  it('describes the methods from the config and the rows', async () => {
    const page = await html();
    expect(page).toContain('intention to treat');
    expect(page).toContain('rule &quot;end&quot;');
    expect(page).toContain('B = 2\u2009000 bootstrap replicates (seed 20170331)');
    expect(page).toContain('arm × block (block)');
    expect(page).toContain('percentile intervals');
    expect(page).toContain('sqrt(s₁²/n₁ + s₀²/n₀)');
    expect(page).toContain('randomization inference');
  });

  it('records provenance: inputs with hashes, tool version, resolved config', async () => {
    const page = await html();
    expect(page).toContain('<td>participants.csv</td>');
    expect(page).toContain('a'.repeat(64));
    expect(page).toContain('Produced by effekt 0.1.0');
    expect(page).toContain('&quot;primaryOutcome&quot;: &quot;work&quot;');
  });

  it('is byte-identical for the same results and holds no absolute path', async () => {
    const first = await html();
    const second = await html();
    expect(first).toBe(second);
    expect(first).not.toMatch(/\/(tmp|home|work|Users)\//);
  });

  it('refuses a chart that carries script', async () => {
    const results = sampleResults();
    const charts = await renderedCharts(results);
    expect(() => reportHtml(results, { ...charts, monthly: { ...charts.monthly, svg: '<svg><script>alert(1)</script></svg>' } })).toThrow(/not a plain SVG/);
    expect(() => reportHtml(results, { ...charts, monthly: { ...charts.monthly, svg: '<svg><rect onload="x()"/></svg>' } })).toThrow(/not a plain SVG/);
  });
});
