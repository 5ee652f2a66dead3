/**
 * Vega-Lite spec → SVG string, in Node without a browser or canvas
 * (`renderer: 'none'` plus the SVG string serializer).
 */
import type { TopLevelSpec } from 'vega-lite';
import { normaliseSvgIds } from './normaliseSvgIds.js';
import { vegaModules, type VegaModules } from './vegaModules.js';

export interface RenderOptions {
  /** Prefix of the element ids in the SVG (see normaliseSvgIds). */
  idPrefix?: string;
  /** The vega and vega-lite to draw with (default vegaModules(); the build's code cache script and its test pass the bundle's). */
  modules?: VegaModules;
}

export async function renderSvg(spec: TopLevelSpec, opts: RenderOptions = {}): Promise<string> {
  const { vega, vegaLite } = opts.modules ?? vegaModules();
  useEstimatedTextWidths(vega);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return normaliseSvgIds(svg, opts.idPrefix ?? 'chart');
  } finally {
    view.finalize();
  }
}

interface VegaTextMetrics {
  canvas(use: boolean): void;
}

/**
 * Vega measures text with node-canvas when that package happens to be
 * installed, and then label widths (hence layout and the SVG bytes) depend on
 * the fonts of the machine. Its built-in estimate depends on the text alone.
 * `textMetrics` is exported by vega at runtime but missing from its typings.
 */
function useEstimatedTextWidths(vega: VegaModules['vega']): void {
  const metrics = (vega as unknown as { textMetrics?: VegaTextMetrics }).textMetrics;
  metrics?.canvas(false);
}
