/**
 * The composition of each arm at the primary month: one 100 % bar per arm,
 * stacked by exclusive status with the work statuses from the bottom, so the
 * work part of each bar is the share in work of Figure 1 and its make-up
 * shows where a difference comes from (in the 2017 trial: SE's advantage is
 * subsidized work). Stack positions are computed here, not by Vega-Lite, so
 * the embedded data state exactly what is drawn. Suppressed statuses are left
 * out (their part of the bar stays empty) and the subtitle says so.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { chartArms } from './chartData.js';
import { VEGA_LITE_SCHEMA, type ChartOptions } from './chartOptions.js';
import { chartStrings } from './chartStrings.js';
import { chartConfig, WHOLE_PERCENT_EXPR } from './chartTheme.js';
import { DARK_STATUSES, statusColor } from './statusPalette.js';
import { analysisChartStrings, statusLabel } from './statusStrings.js';

export interface CompositionDatum {
  arm: string;
  status: string;
  /** The status in the chart's language. */
  label: string;
  share: number;
  /** Bottom and top of the segment in the arm's bar. */
  start: number;
  end: number;
}

export interface CompositionData {
  values: CompositionDatum[];
  suppressed: number;
}

/** Segments smaller than this carry no percent label: it would not fit. */
const LABEL_MIN_SHARE = 0.035;

/** Stacked segments at `month`, arms in configured order, statuses in priority order. */
export function compositionData(results: Results, month: number): CompositionData | null {
  const section = results.composition;
  if (section === undefined) return null;
  const lang = results.config.lang;
  const values: CompositionDatum[] = [];
  let suppressed = 0;
  for (const arm of chartArms(results)) {
    let top = 0;
    for (const status of section.statuses) {
      const row = section.shares.find((r) => r.outcome === status && r.subgroup === 'all' && r.arm === arm && r.month === month);
      if (row === undefined) continue;
      if (row.suppressed || row.share === null || !Number.isFinite(row.share)) {
        suppressed++;
        continue;
      }
      values.push({ arm, status, label: statusLabel(lang, status), share: row.share, start: top, end: top + row.share });
      top += row.share;
    }
  }
  return { values, suppressed };
}

/**
 * Top of the primary outcome's part of each bar, when that outcome is the
 * first statuses in priority order (as `work` and `employment` are), so its
 * share is that part of the stack; null for any other outcome, or when a
 * status in it is suppressed (the line would reveal it).
 */
export function outcomeBoundary(results: Results, data: CompositionData): { arm: string; share: number }[] | null {
  const types = results.config.outcomes[results.config.primaryOutcome];
  const statuses = results.composition?.statuses ?? [];
  if (types === undefined || !statuses.slice(0, types.length).every((status) => types.includes(status))) return null;
  const boundaries: { arm: string; share: number }[] = [];
  for (const arm of chartArms(results)) {
    const parts = data.values.filter((d) => d.arm === arm && types.includes(d.status));
    if (parts.length !== types.length) return null;
    boundaries.push({ arm, share: Math.max(...parts.map((d) => d.end)) });
  }
  return boundaries;
}

export function compositionSpec(results: Results, opts: ChartOptions = {}): TopLevelSpec | null {
  const { config } = results;
  const month = config.primaryMonth;
  const data = compositionData(results, month);
  if (data === null || data.values.length === 0) return null;
  const words = analysisChartStrings(config.lang);
  const arms = chartArms(results);
  // Legend from the top of the stack down, as the segments appear.
  const statuses = [...results.composition!.statuses].reverse();
  const boundary = outcomeBoundary(results, data);
  const outcome = chartStrings(config.lang).outcome(config.primaryOutcome);
  const notes = [words.compositionNote, boundary === null ? words.stackNote : words.boundaryNote(outcome)];
  if (data.suppressed > 0) notes.push(chartStrings(config.lang).suppressedNote(data.suppressed, config.minCellSize));
  const y = { type: 'quantitative' as const, title: words.shareAxis, scale: { domain: [0, 1], nice: false } };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: words.compositionTitle(month), subtitle: notes },
    width: opts.width ?? 300,
    height: opts.height ?? 340,
    data: { values: data.values },
    encoding: {
      x: { field: 'arm', type: 'nominal', sort: arms, scale: { domain: arms, paddingInner: 0.3, paddingOuter: 0.2 }, axis: { title: null, labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold', ticks: false } },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.75 },
        encoding: {
          y: { ...y, field: 'start', axis: { labelExpr: WHOLE_PERCENT_EXPR, tickCount: 5 } },
          y2: { field: 'end' },
          color: {
            field: 'label',
            type: 'nominal',
            scale: { domain: statuses.map((s) => statusLabel(config.lang, s)), range: statuses.map(statusColor) },
            legend: { title: words.statusLegend, orient: 'right', symbolType: 'square', symbolStrokeColor: '#888', symbolStrokeWidth: 0.5, labelLimit: 260 },
          },
        },
      },
      {
        transform: [
          { filter: `datum.share >= ${LABEL_MIN_SHARE}` },
          { calculate: '(datum.start + datum.end) / 2', as: 'middle' },
          { calculate: "format(datum.share * 100, '.0f') + ' %'", as: 'text' },
          { calculate: `indexof(${JSON.stringify([...DARK_STATUSES])}, datum.status) >= 0 ? 'white' : '#222'`, as: 'ink' },
        ],
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          y: { ...y, field: 'middle' },
          text: { field: 'text', type: 'nominal' },
          color: { field: 'ink', type: 'nominal', scale: null },
        },
      },
      ...(boundary === null
        ? []
        : [
            {
              data: { values: boundary },
              mark: { type: 'tick' as const, color: '#000', thickness: 2.5 },
              encoding: { y: { ...y, field: 'share' } },
            },
          ]),
    ],
    config: chartConfig,
  };
}
