/**
 * Figure 1 of the report: share in the primary outcome at the primary month,
 * one bar per arm with its confidence interval and a percent label, as in the
 * published 2017 evaluation (FS 18 %, SE 26 %, CM 20 % in work at month 15).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { chartArms, primaryOutcomeShares, type ChartShareDatum } from './chartData.js';
import { VEGA_LITE_SCHEMA, type ChartOptions } from './chartOptions.js';
import { chartStrings, levelPercent } from './chartStrings.js';
import { chartConfig, encodingTitle, WHOLE_PERCENT_EXPR } from './chartTheme.js';
import { armColors } from './palette.js';

export function figure1Spec(results: Results, opts: ChartOptions = {}): TopLevelSpec {
  const { config } = results;
  const strings = chartStrings(config.lang);
  const arms = chartArms(results);
  const month = config.primaryMonth;
  const outcome = strings.outcome(config.primaryOutcome);
  const data = primaryOutcomeShares(results, (m) => m === month);

  const notes = [strings.errorBarNote(levelPercent(config.bootstrap.level))];
  if (data.suppressed > 0) notes.push(strings.suppressedNote(data.suppressed, config.minCellSize));

  // Every layer names the same y title: Vega-Lite joins differing layer
  // titles, and a null in one layer would drop the axis title altogether.
  const y = { type: 'quantitative' as const, title: encodingTitle(strings.shareAxis(outcome)), scale: { domain: [0, shareAxisTop(data.values)], nice: false } };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: strings.figure1Title(outcome, month), subtitle: notes },
    width: opts.width ?? 360,
    height: opts.height ?? 300,
    data: { values: data.values },
    encoding: {
      // The domain lists every arm, so a suppressed arm keeps its empty slot
      // on the axis instead of silently disappearing.
      x: { field: 'arm', type: 'nominal', sort: arms, scale: { domain: arms, paddingInner: 0.35, paddingOuter: 0.2 }, axis: { title: null, labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold', ticks: false } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { ...y, field: 'share', axis: { labelExpr: WHOLE_PERCENT_EXPR, tickCount: 5 } },
          color: { field: 'arm', type: 'nominal', scale: { domain: arms, range: armColors(arms) }, legend: null },
        },
      },
      {
        mark: { type: 'errorbar', ticks: { size: 12 }, thickness: 1.5, color: '#222' },
        encoding: { y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' } },
      },
      {
        // The label sits above the upper whisker so it never collides with
        // the error bar, whatever the width of the interval.
        transform: [
          { calculate: "format(datum.share * 100, '.0f') + ' %'", as: 'label' },
          { calculate: 'isValid(datum.ci_high) ? datum.ci_high : datum.share', as: 'label_y' },
        ],
        mark: { type: 'text', baseline: 'bottom', dy: -5, fontSize: 12, fontWeight: 'bold', color: '#222' },
        encoding: { y: { ...y, field: 'label_y' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
    config: chartConfig,
  };
}

/**
 * Top of the share axis: the highest whisker plus room for the label above
 * it, rounded up to a whole 5 %, never beyond 100 %.
 */
function shareAxisTop(values: ChartShareDatum[]): number {
  const highest = Math.max(0, ...values.map((d) => Math.max(d.share, d.ci_high ?? d.share)));
  if (highest === 0) return 0.1;
  return Math.min(1, Math.ceil(highest * 1.15 * 20) / 20);
}
