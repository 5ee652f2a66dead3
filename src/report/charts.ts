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
import { renderInLine, type ChartJob, type ChartRendering } from '../render/chartRendering.js';
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

/** The spec of every chart that applies to these results, in registry order. */
export function chartSpecs(results: Results, registry: readonly ChartDefinition[] = REPORT_CHARTS): Map<string, TopLevelSpec> {
  const specs = new Map<string, TopLevelSpec>();
  for (const { key, spec } of registry) {
    const built = spec(results);
    if (built !== null) specs.set(key, built);
  }
  return specs;
}

/** Builds and renders every applicable chart, in registry order. */
export async function buildCharts(results: Results, registry: readonly ChartDefinition[] = REPORT_CHARTS, render: ChartRendering = renderInLine): Promise<BuiltCharts> {
  const specs = chartSpecs(results, registry);
  return { charts: await renderCharts(specs, render), specs };
}

/** Renders the specs; a chart thread works while the caller goes on until it awaits. */
export async function renderCharts(specs: ReadonlyMap<string, TopLevelSpec>, render: ChartRendering = renderInLine): Promise<ReportCharts> {
  const jobs: ChartJob[] = [...specs].map(([key, spec]) => ({ key, spec }));
  const svgs = await render(jobs);
  const charts: ReportCharts = {};
  jobs.forEach(({ key }, i) => (charts[key] = { svg: svgs[i], file: `charts/${key}.svg` }));
  return charts;
}
