/** Charts rendered the way buildReportFiles does, for report renderer tests. */
import { buildCharts } from '../../src/report/charts.js';
import type { ReportCharts } from '../../src/report/document.js';
import type { Results } from '../../src/results.js';

export async function renderedCharts(results: Results): Promise<ReportCharts> {
  return (await buildCharts(results)).charts;
}
