/**
 * Shared Vega-Lite config for every chart. A generic font family keeps the SVG
 * independent of the fonts on the machine that renders or views it.
 */
import type { Config } from 'vega-lite';

export const CHART_FONT = 'sans-serif';

export const chartConfig: Config = {
  font: CHART_FONT,
  background: 'white',
  // No frame around the plot area: a publication chart has axes only.
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 14, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#444', subtitlePadding: 4, offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#222', titleColor: '#222', tickColor: '#888', domainColor: '#888' },
  axisY: { gridColor: '#e5e5e5' },
  axisX: { grid: false },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
};

/** Vega expression that prints a share (0–1) as a whole percent: "26 %". */
export const WHOLE_PERCENT_EXPR = "format(datum.value * 100, '.0f') + ' %'";

/**
 * Text for an axis or legend title that may hold names from the data (an
 * arm, an outcome). Vega-Lite copies such titles into the expression that
 * describes each mark for screen readers, where a line break inside the
 * string literal is a parse error; a space keeps the words.
 */
export function encodingTitle(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}
