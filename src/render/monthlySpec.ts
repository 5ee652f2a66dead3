/**
 * Share in the primary outcome by month after randomization, one line per
 * arm with a translucent confidence band: shows when the arms part (in the
 * 2017 trial, around month 7).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { chartArms, primaryOutcomeShares } from './chartData.js';
import { VEGA_LITE_SCHEMA, type ChartOptions } from './chartOptions.js';
import { chartStrings, levelPercent } from './chartStrings.js';
import { chartConfig, encodingTitle, WHOLE_PERCENT_EXPR } from './chartTheme.js';
import { armColors } from './palette.js';

/** Point shapes by arm order: arms stay apart in greyscale print too. */
const ARM_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];

export function monthlySpec(results: Results, opts: ChartOptions = {}): TopLevelSpec {
  const { config } = results;
  const strings = chartStrings(config.lang);
  const arms = chartArms(results);
  const lastMonth = config.followUpMonths;
  const months = Array.from({ length: lastMonth }, (_, i) => i + 1);
  const outcome = strings.outcome(config.primaryOutcome);
  const data = primaryOutcomeShares(results, (m) => m >= 1 && m <= lastMonth);

  const notes = [strings.bandNote(levelPercent(config.bootstrap.level))];
  if (data.suppressed > 0) notes.push(strings.suppressedNote(data.suppressed, config.minCellSize));

  const color = {
    field: 'arm',
    type: 'nominal' as const,
    scale: { domain: arms, range: armColors(arms) },
    // Solid legend symbols: otherwise they take the faint opacity of the bands.
    legend: { title: strings.armLegend, orient: 'top' as const, direction: 'horizontal' as const, symbolOpacity: 1 },
  };
  const x = {
    field: 'month',
    type: 'quantitative' as const,
    scale: { domain: [1, lastMonth], nice: false },
    axis: { title: strings.monthAxis, values: months, format: 'd', grid: false },
  };
  const shareScale = { zero: true, nice: true };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: strings.monthlyTitle(outcome), subtitle: notes },
    width: opts.width ?? 560,
    height: opts.height ?? 320,
    data: { values: data.values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.15 },
        encoding: {
          x,
          y: { field: 'ci_low', type: 'quantitative', scale: shareScale, title: encodingTitle(strings.shareAxis(outcome)) },
          y2: { field: 'ci_high' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 40 } },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', scale: shareScale, title: encodingTitle(strings.shareAxis(outcome)), axis: { labelExpr: WHOLE_PERCENT_EXPR } },
          color,
          shape: { field: 'arm', type: 'nominal', scale: { domain: arms, range: arms.map((_, i) => ARM_SHAPES[i % ARM_SHAPES.length]) }, legend: color.legend },
        },
      },
    ],
    config: chartConfig,
  };
}
