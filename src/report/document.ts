/**
 * The report as a list of blocks of plain text. The content is built once
 * (reportDocument.ts) and rendered to HTML and to Markdown, so the two
 * formats cannot drift apart; escaping happens only in the renderers.
 */
export type ChartKey = 'figure1' | 'monthly';

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

export interface ReportCharts {
  figure1Svg: string;
  monthlySvg: string;
  /** Paths relative to the report, e.g. `charts/figure1.svg`. */
  figure1File: string;
  monthlyFile: string;
}
