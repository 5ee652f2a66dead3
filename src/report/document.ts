/**
 * The report as a list of blocks of plain text. The content is built once
 * (reportDocument.ts) and rendered to HTML and to Markdown, so the two
 * formats cannot drift apart; escaping happens only in the renderers.
 */
/** A chart's key in the chart registry (report/charts.ts), e.g. `figure1`. */
export type ChartKey = string;

export interface TableBlock {
  kind: 'table';
  caption: string;
  head: string[];
  rows: string[][];
  /** Per column: right-aligned numbers. */
  numeric: boolean[];
  /** Footnote under the table (e.g. on suppressed cells). */
  note?: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | TableBlock
  | { kind: 'figure'; chart: ChartKey; caption: string }
  | { kind: 'code'; text: string; language: string };

export interface RenderedChart {
  svg: string;
  /** Path relative to the report, e.g. `charts/figure1.svg`. */
  file: string;
}

/** The rendered charts by key. */
export type ReportCharts = Record<ChartKey, RenderedChart>;
