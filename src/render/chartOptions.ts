/** Size overrides for a chart; the defaults suit an A4 report page. */
export interface ChartOptions {
  /** Width of the plot area in pixels. */
  width?: number;
  /** Height of the plot area in pixels. */
  height?: number;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
