import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { monthlySpec } from '../../src/render/monthlySpec.js';
import { normaliseSvgIds } from '../../src/render/normaliseSvgIds.js';
import { renderSvg } from '../../src/render/renderSvg.js';
import { sampleResults } from './sampleResults.js';

describe('renderSvg', () => {
  it('renders Figure 1 with whole-percent labels on the bars', async () => {
    const svg = await renderSvg(figure1Spec(sampleResults()));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['18 %', '26 %', '20 %']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('Share in work 15 months after randomization');
  });

  it('renders Swedish chart labels', async () => {
    const svg = await renderSvg(figure1Spec(sampleResults({ lang: 'sv' })));
    expect(svg).toContain('Andel i arbete 15 månader efter randomisering');
  });

  it('gives byte-identical SVG on repeated renders', async () => {
    const results = sampleResults();
    expect(await renderSvg(figure1Spec(results))).toBe(await renderSvg(figure1Spec(results)));
    expect(await renderSvg(monthlySpec(results))).toBe(await renderSvg(monthlySpec(results)));
  });

  it('names only the generic font family', async () => {
    const svg = await renderSvg(monthlySpec(sampleResults()));
    const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    expect([...families]).toEqual(['sans-serif']);
  });

  it('normalises the clip-path ids that vega numbers per process', async () => {
    // A clipped mark makes vega emit a clipPath whose id comes from a
    // process-wide counter: clip1 on the first render, clip2 on the next.
    const clipped: TopLevelSpec = {
      data: { values: [{ a: 'x', b: 1 }] },
      mark: { type: 'bar', clip: true },
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    };
    const first = await renderSvg(clipped);
    const second = await renderSvg(clipped);
    expect(first).toBe(second);
    expect(first).toContain('id="chart-1"');
    expect(first).toContain('url(#chart-1)');
  });
});

describe('normaliseSvgIds', () => {
  it('renames ids by order of appearance and rewrites their references', () => {
    const svg = '<svg><defs><clipPath id="clip7"/><linearGradient id="gradient_3"/></defs><g clip-path="url(#clip7)" fill="url(#gradient_3)"/><use href="#clip7"/></svg>';
    expect(normaliseSvgIds(svg, 'fig')).toBe(
      '<svg><defs><clipPath id="fig-1"/><linearGradient id="fig-2"/></defs><g clip-path="url(#fig-1)" fill="url(#fig-2)"/><use href="#fig-1"/></svg>',
    );
  });

  it('leaves an SVG without ids unchanged', () => {
    expect(normaliseSvgIds('<svg><g/></svg>', 'x')).toBe('<svg><g/></svg>');
  });
});
