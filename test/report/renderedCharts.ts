/** Charts rendered the way buildReportFiles does, for report renderer tests. */
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { monthlySpec } from '../../src/render/monthlySpec.js';
import { renderSvg } from '../../src/render/renderSvg.js';
import type { ReportCharts } from '../../src/report/document.js';
import type { Results } from '../../src/results.js';

export async function renderedCharts(results: Results): Promise<ReportCharts> {
  return {
    figure1Svg: await renderSvg(figure1Spec(results)),
    monthlySvg: await renderSvg(monthlySpec(results)),
    figure1File: 'charts/figure1.svg',
    monthlyFile: 'charts/monthly.svg',
  };
}
