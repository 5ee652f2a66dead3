import { describe, expect, it } from 'vitest';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../../src/report/escape.js';
import { reportMarkdown } from '../../src/report/reportMarkdown.js';
import { sampleResults } from '../render/sampleResults.js';
import { renderedCharts } from './renderedCharts.js';

async function markdown(results = sampleResults()): Promise<string> {
  return reportMarkdown(results, await renderedCharts(results));
}

describe('reportMarkdown', () => {
  it('has the same sections and summary as the HTML', async () => {
    const md = await markdown();
    expect(md.startsWith('# Effekt report\n')).toBe(true);
    for (const heading of ['Summary', 'Figure 1', 'Month by month', 'Shares by month', 'Effects by month', 'Subgroups', 'All outcomes', 'Warnings', 'Methods', 'Provenance']) {
      expect(md).toContain(`\n## ${heading}\n`);
    }
    expect(md).toContain('At month 15, 26.0 % of SE were in work vs 18.0 % of FS: a difference of 8.0 percentage points (95 % CI 1.9 to 14.0; p = 0.010).');
  });

  it('links the chart files instead of inlining them', async () => {
    const md = await markdown();
    expect(md).toContain('](charts/figure1.svg)');
    expect(md).toContain('](charts/monthly.svg)');
    expect(md).not.toContain('<svg');
  });

  it('writes pipe tables with right-aligned numbers', async () => {
    const md = await markdown();
    expect(md).toContain('| Month | FS (n = 355) | SE (n = 354) | CM (n = 354) |\n| ---: | ---: | ---: | ---: |\n');
    expect(md).toContain('| 1 | 0.8 % (0.0 to 1.8) | 1.1 % (0.0 to 2.2) | – |');
    expect(md).toContain('– suppressed (disclosure control): fewer than 5 persons in the cell, or hidden so that such a cell cannot be worked out by subtraction.');
  });

  it('escapes labels so they cannot inject HTML or break a table', async () => {
    const results = sampleResults({ arms: ['FS', '<script>alert(1)</script>', 'C|M'] });
    const md = await markdown(results);
    // Inside the fenced config block text is shown verbatim as code, which is
    // safe; everywhere else it must be escaped.
    const [prose, code] = md.split('```json');
    expect(prose).not.toContain('<script');
    expect(prose).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(code).toContain('"<script>alert(1)</script>"');
    expect(md).toContain('| C\\|M |');
  });

  it('is byte-identical for the same results', async () => {
    expect(await markdown()).toBe(await markdown());
  });
});

describe('Markdown escaping', () => {
  it('escapes inline markup but leaves numbers readable', () => {
    expect(escapeMarkdownInline('work_sub *x* [a](b) -3.8 26.0 %')).toBe('work\\_sub \\*x\\* \\[a\\](b) -3.8 26.0 %');
  });

  it('escapes block markers at the start of a paragraph or list item', () => {
    expect(escapeMarkdownBlock('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownBlock('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdownBlock('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdownBlock('line\nbreak')).toBe('line break');
  });
});
