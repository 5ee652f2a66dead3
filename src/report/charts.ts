/**
 * The report's charts: each a Vega-Lite spec built from the results, saved
 * as `charts/<key>.vl.json` and `charts/<key>.svg` and inlined in the HTML.
 * A later part of the product adds a chart by adding an entry here; a spec
 * function returns null when its chart does not apply to these results.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ceacSpec } from '../render/ceacSpec.js';
import { compositionSpec } from '../render/compositionSpec.js';
import { effectOverTimeSpec } from '../render/effectOverTimeSpec.js';
import { figure1Spec } from '../render/figure1Spec.js';
import { monthlySpec } from '../render/monthlySpec.js';
import { renderSvg } from '../render/renderSvg.js';
import type { Results } from '../results.js';
import type { ReportCharts } from './document.js';

export interface ChartDefinition {
  key: string;
  spec(results: Results): TopLevelSpec | null;
}

export const REPORT_CHARTS: readonly ChartDefinition[] = [
  { key: 'figure1', spec: figure1Spec },
  { key: 'monthly', spec: monthlySpec },
  { key: 'effect_over_time', spec: effectOverTimeSpec },
  { key: 'composition', spec: compositionSpec },
  { key: 'ceac', spec: ceacSpec },
];

export interface BuiltCharts {
  charts: ReportCharts;
  specs: Map<string, TopLevelSpec>;
}

/** Builds and renders every applicable chart, in registry order. */
export async function buildCharts(results: Results, registry: readonly ChartDefinition[] = REPORT_CHARTS): Promise<BuiltCharts> {
  const charts: ReportCharts = {};
  const specs = new Map<string, TopLevelSpec>();
  for (const { key, spec } of registry) {
    const built = spec(results);
    if (built === null) continue;
    specs.set(key, built);
    charts[key] = { svg: await renderSvg(built, { idPrefix: key }), file: `charts/${key}.svg` };
  }
  return { charts, specs };
}
