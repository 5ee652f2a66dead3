export { buildReportFiles, REPORT_FILES } from './buildReportFiles.js';
export { writeReportDir } from './writeReportDir.js';
export { resultsJson, assertFiniteNumbers, NonFiniteNumberError } from './resultsJson.js';
export { shareTablesCsv, effectTablesCsv } from './csvTables.js';
export { reportHtml } from './reportHtml.js';
export { reportMarkdown } from './reportMarkdown.js';
export type { ReportCharts } from './document.js';
export { reportStrings, type ReportStrings } from './strings.js';
