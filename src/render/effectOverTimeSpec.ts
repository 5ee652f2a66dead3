/**
 * The effect of each compared arm on the primary outcome by month, in all
 * persons: the difference from the reference as a line with points, its
 * pointwise confidence interval as error bars, and the sup-t simultaneous
 * band as a light area behind them, one panel per arm, with a zero line.
 * The band is what answers "in which months does the arm differ?" for the
 * whole curve at once; the bars answer it one month at a time.
 *
 * Only published effect estimates enter the data (no counts); a suppressed
 * month is left out and counted in the subtitle. Null when no effect row of
 * the selection carries a band (results from before bands existed).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { EffectRow, Results } from '../results.js';
import { chartArms } from './chartData.js';
import { VEGA_LITE_SCHEMA, type ChartOptions } from './chartOptions.js';
import { chartStrings, levelPercent } from './chartStrings.js';
import { chartConfig, encodingTitle } from './chartTheme.js';
import { armColors } from './palette.js';

export interface EffectOverTimeDatum {
  arm: string;
  /** Panel label, e.g. "SE − FS". */
  comparison: string;
  month: number;
  estimate: number;
  ci_low: number | null;
  ci_high: number | null;
  band_low: number | null;
  band_high: number | null;
}

export interface EffectOverTimeData {
  values: EffectOverTimeDatum[];
  /** Rows of the selection left out because they are suppressed. */
  suppressed: number;
  /** Whether any shown row carries both ends of a simultaneous band. */
  banded: boolean;
}

/** Difference in percentage points on the axis: 0.05 → "5". */
const POINTS_EXPR = "format(datum.value * 100, '~g')";

export function effectOverTimeData(results: Results): EffectOverTimeData {
  const { config, reference } = results;
  const strings = chartStrings(config.lang);
  const compared = chartArms(results).filter((arm) => arm !== reference);
  const armIndex = new Map(compared.map((arm, i) => [arm, i]));
  // Monthly rows only: a person-level outcome's effect has month null.
  const selected = results.effects.filter(
    (row): row is EffectRow & { month: number } =>
      row.outcome === config.primaryOutcome && row.subgroup === 'all' && armIndex.has(row.arm) && row.month !== null && row.month >= 1 && row.month <= config.followUpMonths,
  );
  const shown = selected.filter((row) => !row.suppressed && row.estimate !== null && Number.isFinite(row.estimate));
  shown.sort((a, b) => armIndex.get(a.arm)! - armIndex.get(b.arm)! || a.month - b.month);
  const values = shown.map((row) => ({
    arm: row.arm,
    comparison: strings.comparison(row.arm, reference),
    month: row.month,
    estimate: row.estimate as number,
    ci_low: row.ci_low,
    ci_high: row.ci_high,
    band_low: row.band_low ?? null,
    band_high: row.band_high ?? null,
  }));
  return { values, suppressed: selected.length - shown.length, banded: values.some((d) => d.band_low !== null && d.band_high !== null) };
}

export function effectOverTimeSpec(results: Results, opts: ChartOptions = {}): TopLevelSpec | null {
  const data = effectOverTimeData(results);
  if (!data.banded) return null;
  const { config, reference } = results;
  const strings = chartStrings(config.lang);
  const arms = chartArms(results);
  const compared = arms.filter((arm) => arm !== reference);
  const lastMonth = config.followUpMonths;
  const months = Array.from({ length: lastMonth }, (_, i) => i + 1);
  const outcome = strings.outcome(config.primaryOutcome);
  const level = levelPercent(config.bootstrap.level);

  const notes = [strings.pointwiseNote(level), strings.simultaneousNote(level)];
  if (data.suppressed > 0) notes.push(strings.suppressedNote(data.suppressed, config.minCellSize));

  const x = {
    field: 'month',
    type: 'quantitative' as const,
    scale: { domain: [1, lastMonth], nice: false },
    axis: { title: strings.monthAxis, values: months, format: 'd', grid: false },
  };
  // One title in every layer: Vega-Lite joins differing layer titles.
  const y = { type: 'quantitative' as const, title: encodingTitle(strings.differenceAxis(reference)), scale: { zero: true, nice: true } };
  // The domain lists every arm so each keeps the colour it has in the other charts.
  const color = { field: 'arm', type: 'nominal' as const, scale: { domain: arms, range: armColors(arms) }, legend: null };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: strings.effectTitle(outcome, reference), subtitle: notes },
    data: { values: data.values },
    facet: {
      column: {
        field: 'comparison',
        type: 'nominal',
        sort: compared.map((arm) => strings.comparison(arm, reference)),
        header: { title: null, labelFontSize: 12, labelFontWeight: 'bold', labelAnchor: 'start' },
      },
    },
    spec: {
      width: opts.width ?? Math.max(220, Math.floor(520 / Math.max(1, compared.length))),
      height: opts.height ?? 260,
      layer: [
        {
          mark: { type: 'area', opacity: 0.18 },
          encoding: { x, y: { ...y, field: 'band_low', axis: { labelExpr: POINTS_EXPR } }, y2: { field: 'band_high' }, color },
        },
        {
          // One row per panel, so the zero line is drawn once, not once per month.
          transform: [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: ['comparison'] }],
          mark: { type: 'rule', color: '#555', strokeWidth: 1 },
          encoding: { y: { ...y, datum: 0 } },
        },
        {
          mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 1.2 },
          encoding: { x, y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' }, color },
        },
        {
          mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 36 } },
          encoding: { x, y: { ...y, field: 'estimate' }, color },
        },
      ],
    },
    resolve: { scale: { y: 'shared' } },
    config: chartConfig,
  };
}
