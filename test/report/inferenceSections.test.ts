/**
 * The inference results in the report: p with its method, Holm and the
 * simultaneous band in Table 2, the effect-over-time chart, interactions,
 * person-level outcomes and the methods text. Expected numbers come from
 * the hand-made sample (test/render/sampleResults.ts, withInference).
 */
import { describe, expect, it } from 'vitest';
import { buildReportFiles } from '../../src/report/buildReportFiles.js';
import { reportHtml } from '../../src/report/reportHtml.js';
import { reportMarkdown } from '../../src/report/reportMarkdown.js';
import type { Results } from '../../src/results.js';
import { sampleResults, withInference } from '../render/sampleResults.js';
import { renderedCharts } from './renderedCharts.js';

const TS = '\u2009';

async function html(results: Results = withInference(sampleResults())): Promise<string> {
  return reportHtml(results, await renderedCharts(results));
}

async function markdown(results: Results = withInference(sampleResults())): Promise<string> {
  return reportMarkdown(results, await renderedCharts(results));
}

const row = (cells: string[]): string => `<tr>${cells.map((c, i) => (i < 1 ? `<td>${c}</td>` : `<td class="num">${c}</td>`)).join('')}</tr>`;

/** The HTML between a heading and the next one. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`<h2>${heading}</h2>`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = page.indexOf('<h2>', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

describe('effects by month', () => {
  it('gives p, the Holm-adjusted p of the primary family and the simultaneous band', async () => {
    const effects = section(await html(), 'Effects by month');
    expect(effects).toContain('<th scope="col" class="num">p</th><th scope="col" class="num">p (Holm)</th><th scope="col" class="num">95 % simultaneous band (pp)</th>');
    // SE, month 15: 8.0 pp (se 3.1), band 8.0 ± 2.8 × 3.1 = -0.7 to 16.6, p 0.004, Holm 2 × 0.004.
    expect(effects).toContain(row(['SE', '15', '8.0', '3.1', '1.9 to 14.0', '0.004', '0.008', '-0.7 to 16.6']));
    expect(effects).toContain(row(['CM', '15', '2.0', '3.0', '-3.8 to 7.8', '0.300', '0.300', '-6.2 to 10.3']));
    // Outside the family: no Holm value, but the band.
    expect(effects).toMatch(/<td>SE<\/td><td class="num">14<\/td>(<td class="num">[^<]*<\/td>){4}<td class="num"><\/td><td class="num">-1\.0 to 15\.8<\/td>/);
  });

  it('says how the p-values were computed, what Holm covers and what the band means', async () => {
    const effects = section(await html(), 'Effects by month');
    expect(effects).toContain(`p: two-sided, randomization inference with R = 2${TS}000 permutations.`);
    expect(effects).toContain('p (Holm): adjusted by Holm&#39;s method over the primary family, the effect of every compared arm on work at month 15 in all persons');
    expect(effects).toContain('Band: 95 % sup-t simultaneous band over the months, covering the whole curve of an arm&#39;s differences with 95 % probability.');
  });

  it('marks p-values of a second method and names it in the legend', async () => {
    const results = withInference(sampleResults());
    const exact = results.effects.find((e) => e.outcome === 'work' && e.subgroup === 'all' && e.arm === 'CM' && e.month === 15)!;
    exact.p_method = 'randomization-exact';
    const effects = section(await html(results), 'Effects by month');
    expect(effects).toContain('<td class="num">0.300 †</td>');
    expect(effects).toContain(`p: two-sided, randomization inference with R = 2${TS}000 permutations; † exact randomization inference over every assignment within blocks.`);
    expect(section(await html(results), 'Methods')).toContain('Exact randomization inference, where used');
  });

  it('shows the effect-over-time chart before the table, with a caption on the band', async () => {
    const effects = section(await html(), 'Effects by month');
    expect(effects.indexOf('<figure>')).toBeLessThan(effects.indexOf('<table>'));
    expect(effects).toContain('SE − FS');
    expect(effects).toContain(
      '<figcaption>Figure 3. Difference from FS in the share in work by month after randomization, with 95 % confidence intervals for each month (bars) and the 95 % sup-t simultaneous band (light area), which covers the whole curve of monthly differences at once with 95 % probability.</figcaption>',
    );
  });

  it('has neither the new columns nor the chart for results without them', async () => {
    const page = await html(sampleResults());
    const effects = section(page, 'Effects by month');
    expect(effects).not.toContain('p (Holm)');
    expect(effects).not.toContain('simultaneous band');
    expect(effects).not.toContain('<figure>');
    expect(page.match(/<svg /g)).toHaveLength(2);
  });

  it('hides the band and Holm value of a suppressed effect with the rest of it', async () => {
    const results = withInference(sampleResults());
    const hidden = results.effects.find((e) => e.outcome === 'work' && e.subgroup === 'all' && e.arm === 'SE' && e.month === 15)!;
    Object.assign(hidden, { estimate: null, se: null, ci_low: null, ci_high: null, p: null, p_holm: null, band_low: null, band_high: null, suppressed: true });
    const effects = section(await html(results), 'Effects by month');
    expect(effects).toContain(row(['SE', '15', '–', '–', '–', '–', '–', '–']));
    expect(effects).toContain('– suppressed (disclosure control)');
  });
});

describe('summary', () => {
  it('gives the Holm-adjusted p with the primary result', async () => {
    expect(section(await html(), 'Summary')).toContain(
      'At month 15, 26.0 % of SE were in work vs 18.0 % of FS: a difference of 8.0 percentage points (95 % CI 1.9 to 14.0; p = 0.004; Holm-adjusted p = 0.008).',
    );
  });
});

describe('interactions', () => {
  it('explains an interaction and lists the primary outcome at the primary month and the person-level outcomes', async () => {
    const part = section(await html(), 'Interactions');
    expect(part).toContain('<p>An interaction is the difference between an arm&#39;s effect in one subgroup and its effect in another');
    expect(part).toContain('<caption>Table 4. Interactions: the effect of each arm in one level of a subgroup variable minus its effect in the other level, with 95 % confidence intervals.</caption>');
    // SE: (58/183 − 33/185) − (34/171 − 31/170) = 12.2 pp, CI ± 10 pp.
    expect(part).toContain('<tr><td>work</td><td class="num">15</td><td>gender</td><td>SE</td><td>effect in gender = M minus effect in gender = K</td><td class="num">12.2</td><td class="num">2.2 to 22.2</td><td class="num">0.250</td></tr>');
    // CM: (38/185 − 33/185) − (33/169 − 31/170) = 1.4 pp.
    expect(part).toContain('<td>CM</td><td>effect in gender = M minus effect in gender = K</td><td class="num">1.4</td>');
    // Earnings in kronor, whole numbers: SE (13 128 − 10 670) − (11 000 − 9 800) = 1 258.
    expect(part).toContain(`<tr><td>earnings</td><td class="num">person</td><td>gender</td><td>SE</td><td>effect in gender = M minus effect in gender = K</td><td class="num">1${TS}258</td><td class="num">-700 to 3${TS}200</td><td class="num">0.110</td></tr>`);
    // Month 10 is in tables/interactions.csv only.
    expect(part).not.toContain('<td class="num">10</td>');
    expect(part.match(/<tr><td>/g)).toHaveLength(4);
    expect(part).toContain('Differences of monthly outcomes in percentage points; of person-level outcomes (month &quot;person&quot;) in the outcome&#39;s own units. p: two-sided, from the bootstrap distribution.');
    const monthly = withInference(sampleResults());
    monthly.interactions = monthly.interactions!.filter((i) => i.month !== null);
    expect(section(await html(monthly), 'Interactions')).toContain('<p class="note">Differences in percentage points. p: two-sided, from the bootstrap distribution.</p>');
  });

  it('is left out without interactions, and for an empty section', async () => {
    const none = withInference(sampleResults());
    delete none.interactions;
    expect(await html(none)).not.toContain('<h2>Interactions</h2>');
    none.interactions = [];
    expect(await html(none)).not.toContain('<h2>Interactions</h2>');
    // Tables are numbered in reading order, so the next table takes its number.
    expect(await html(none)).toContain('<caption>Table 4. Every outcome at month 15');
  });

  it('shows a suppressed interaction as – with the footnote', async () => {
    const results = withInference(sampleResults());
    Object.assign(results.interactions![0], { estimate: null, ci_low: null, ci_high: null, p: null, suppressed: true });
    const part = section(await html(results), 'Interactions');
    expect(part).toContain('<td>effect in gender = M minus effect in gender = K</td><td class="num">–</td><td class="num">–</td><td class="num">–</td></tr>');
    expect(part).toContain('– suppressed (disclosure control)');
  });
});

describe('person-level outcomes', () => {
  it('gives the means by arm and the effects in the outcome’s own units', async () => {
    const part = section(await html(), 'Person-level outcomes');
    expect(part).toContain('Outcomes measured once per person (earnings), in their own units');
    expect(part).toContain(`<tr><td>earnings</td><td>FS</td><td class="num">350</td><td class="num">10${TS}251</td><td class="num">9${TS}251 to 11${TS}251</td><td class="num">reference</td><td class="num"></td><td class="num"></td></tr>`);
    expect(part).toContain(
      `<tr><td>earnings</td><td>SE</td><td class="num">352</td><td class="num">12${TS}100</td><td class="num">11${TS}100 to 13${TS}100</td><td class="num">1${TS}850</td><td class="num">400 to 3${TS}300</td><td class="num">0.012</td></tr>`,
    );
    expect(part).toContain(`<td class="num">650</td><td class="num">-800 to 2${TS}100</td><td class="num">0.380</td>`);
    expect(part).not.toContain('%</td>');
  });

  it('uses two decimals for small values', async () => {
    const results = withInference(sampleResults());
    for (const r of results.person_outcomes!) Object.assign(r, { mean: r.mean! / 10000, ci_low: r.ci_low! / 10000, ci_high: r.ci_high! / 10000 });
    for (const e of results.effects.filter((e) => e.month === null)) Object.assign(e, { estimate: e.estimate! / 10000, ci_low: e.ci_low! / 10000, ci_high: e.ci_high! / 10000 });
    for (const i of results.interactions!.filter((i) => i.month === null)) Object.assign(i, { estimate: i.estimate! / 10000, ci_low: i.ci_low! / 10000, ci_high: i.ci_high! / 10000 });
    const part = section(await html(results), 'Person-level outcomes');
    expect(part).toContain('<td class="num">1.21</td><td class="num">1.11 to 1.31</td><td class="num">0.18</td><td class="num">0.04 to 0.33</td>');
  });

  it('is left out without person-level outcomes', async () => {
    expect(await html(sampleResults())).not.toContain('Person-level outcomes');
  });
});

describe('methods', () => {
  it('describes Holm, the sup-t bands, interactions and person-level outcomes when the results have them', async () => {
    const part = section(await html(), 'Methods');
    expect(part).toContain('Multiplicity: the primary family is the effect of each of the 2 compared arms on work at month 15 in all persons');
    expect(part).toContain('Simultaneous bands: for each arm&#39;s curve of monthly effects, a 95 % sup-t band from the bootstrap replicates (Montiel Olea &amp; Plagborg-Møller 2019)');
    expect(part).toContain('Interactions: the difference of an arm&#39;s effect between the two levels of a two-level subgroup variable');
    expect(part).toContain('Person-level outcomes (earnings) are participant columns');
    expect(part).toContain(`R = 2${TS}000 permutations`);
    expect(part).toContain('p-values of interactions (two-sided) come from the bootstrap distribution of the difference.');
    const plain = section(await html(sampleResults()), 'Methods');
    for (const text of ['Multiplicity', 'Simultaneous bands', 'Interactions:', 'Person-level']) expect(plain).not.toContain(text);
  });

  it('names the estimator with its covariates, the interval method and the p-value method from the config', async () => {
    const results = withInference(sampleResults());
    Object.assign(results.config, { estimator: 'lin', covariates: ['age', 'children'], bootstrap: { ...results.config.bootstrap, ci: 'bca' } });
    for (const e of results.effects) e.p_method = 'normal';
    const part = section(await html(results), 'Methods');
    expect(part).toContain('the arm coefficient of the Lin (2013) regression with centred covariates interacted with arm (arm FS as reference; estimator &quot;lin&quot;). Covariates: age, children, with the block (block) as a factor, centred and interacted with arm.');
    expect(part).toContain('bias-corrected and accelerated (BCa) intervals');
    expect(part).toContain('p-values (two-sided) from the normal approximation with the analytic standard error.');
    expect(part).not.toContain('permutations');
    expect(section(await html(), 'Methods')).not.toContain('Covariates:');
  });

  it('says that covariates of a difference estimator only enter the balance check', async () => {
    const results = withInference(sampleResults());
    results.config.covariates = ['age'];
    expect(section(await html(results), 'Methods')).toContain('The configured covariates (age) enter the balance check, not the estimate.');
  });
});

describe('Markdown and files', () => {
  it('has the same sections, the chart link and the interaction rows in Markdown', async () => {
    const md = await markdown();
    for (const heading of ['Effects by month', 'Interactions', 'Person-level outcomes']) expect(md).toContain(`\n## ${heading}\n`);
    expect(md).toContain('](charts/effect_over_time.svg)');
    expect(md).toContain('| SE | 15 | 8.0 | 3.1 | 1.9 to 14.0 | 0.004 | 0.008 | -0.7 to 16.6 |');
    expect(md).toContain('| work | 15 | gender | SE | effect in gender = M minus effect in gender = K | 12.2 | 2.2 to 22.2 | 0.250 |');
    expect(md).toContain(`| earnings | SE | 352 | 12${TS}100 | 11${TS}100 to 13${TS}100 | 1${TS}850 | 400 to 3${TS}300 | 0.012 |`);
  });

  it('writes the new chart and tables, byte-identical on a second build', async () => {
    const files = await buildReportFiles(withInference(sampleResults()));
    expect([...files.keys()].sort()).toEqual([
      'charts/effect_over_time.svg',
      'charts/effect_over_time.vl.json',
      'charts/figure1.svg',
      'charts/figure1.vl.json',
      'charts/monthly.svg',
      'charts/monthly.vl.json',
      'report.html',
      'report.md',
      'results.json',
      'tables/effects.csv',
      'tables/interactions.csv',
      'tables/person_outcomes.csv',
      'tables/shares.csv',
    ]);
    const again = await buildReportFiles(withInference(sampleResults()));
    for (const [name, content] of files) expect(again.get(name), name).toBe(content);
  });

  it('keeps the Swedish chart strings in a Swedish report', async () => {
    const files = await buildReportFiles(withInference(sampleResults({ lang: 'sv' })));
    expect(files.get('charts/effect_over_time.svg')).toContain('Skillnad mot FS i andel i arbete, per månad');
    expect(files.get('report.html')).toContain('Skillnad mot FS (procentenheter)');
  });
});
