export { buildReportFiles, REPORT_FILES } from './buildReportFiles.js';
export { writeReportDir } from './writeReportDir.js';
export { resultsJson, assertFiniteNumbers, NonFiniteNumberError } from './resultsJson.js';
export { shareTablesCsv, effectTablesCsv, interactionTablesCsv, personOutcomeTablesCsv } from './csvTables.js';
export { reportHtml } from './reportHtml.js';
export { reportMarkdown } from './reportMarkdown.js';
export type { ReportCharts, RenderedChart, Block, TableBlock } from './document.js';
export { buildCharts, chartSpecs, REPORT_CHARTS, type ChartDefinition, type BuiltCharts } from './charts.js';
export { reportStrings, type ReportStrings } from './strings.js';
