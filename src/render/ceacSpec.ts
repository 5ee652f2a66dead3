/**
 * The cost-effectiveness acceptability curve of each compared arm in the
 * full sample: at each value of one person-month in work, the probability
 * (share of bootstrap replicates) that the arm's net benefit against the
 * reference is positive. Arm colours as in every chart; a dashed rule marks
 * valuePerWorkMonth when the plan sets one. An arm whose comparison is
 * suppressed is left out and the subtitle says so.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { chartArms } from './chartData.js';
import { VEGA_LITE_SCHEMA, type ChartOptions } from './chartOptions.js';
import { chartConfig, WHOLE_PERCENT_EXPR } from './chartTheme.js';
import { armColors } from './palette.js';
import { analysisChartStrings } from './statusStrings.js';

export interface CeacDatum {
  arm: string;
  value: number;
  probability: number;
}

export function ceacData(results: Results): { values: CeacDatum[]; suppressed: number } | null {
  const section = results.cost_effectiveness;
  if (section === undefined) return null;
  const arms = chartArms(results);
  const rows = section.rows.filter((row) => row.subgroup === 'all').sort((a, b) => arms.indexOf(a.arm) - arms.indexOf(b.arm));
  const shown = rows.filter((row) => !row.suppressed && row.ceac.length > 0);
  return {
    values: shown.flatMap((row) => row.ceac.map((point) => ({ arm: row.arm, value: point.value, probability: point.probability }))),
    suppressed: rows.length - shown.length,
  };
}

export function ceacSpec(results: Results, opts: ChartOptions = {}): TopLevelSpec | null {
  const data = ceacData(results);
  if (data === null || data.values.length === 0) return null;
  const { config } = results;
  const words = analysisChartStrings(config.lang);
  const arms = chartArms(results);
  const top = Math.max(...data.values.map((d) => d.value));
  const notes = [words.ceacNote(thousands(config.bootstrap.replicates), results.reference)];
  if (data.suppressed > 0) notes.push(words.rowsLeftOut(data.suppressed, config.minCellSize));
  const lambda = results.cost_effectiveness!.value_per_work_month;

  const x = {
    field: 'value',
    type: 'quantitative' as const,
    title: words.valueAxis,
    scale: { domain: [0, top], nice: false },
    axis: { labelExpr: "format(datum.value / 1000, '~f')", grid: false },
  };
  const y = { field: 'probability', type: 'quantitative' as const, title: words.probabilityAxis, scale: { domain: [0, 1], nice: false }, axis: { labelExpr: WHOLE_PERCENT_EXPR, tickCount: 5 } };
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
      encoding: {
        x,
        y,
        color: {
          field: 'arm',
          type: 'nominal',
          // Every arm in the domain keeps each arm's colour the same as in the other charts.
          scale: { domain: arms, range: armColors(arms) },
          legend: { title: null, orient: 'top', direction: 'horizontal', values: arms.filter((arm) => arm !== results.reference) },
        },
      },
    },
  ];
  if (lambda !== null && lambda > 0 && lambda <= top) {
    layers.push({
      data: { values: [{ value: lambda, label: words.valueMarker(thousands(lambda)) }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
      encoding: { x: { ...x, field: 'value' } },
    });
    layers.push({
      data: { values: [{ value: lambda, label: words.valueMarker(thousands(lambda)) }] },
      mark: { type: 'text', align: 'left', dx: 4, dy: 4, baseline: 'top', fontSize: 10, color: '#555' },
      encoding: { x: { ...x, field: 'value' }, y: { datum: 1, type: 'quantitative', scale: y.scale }, text: { field: 'label', type: 'nominal' } },
    });
  }

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: words.ceacTitle(results.reference), subtitle: notes },
    width: opts.width ?? 480,
    height: opts.height ?? 280,
    data: { values: data.values },
    layer: layers,
    config: chartConfig,
  };
}

/** Whole numbers with a thin space between thousands: 25 000. */
function thousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}
