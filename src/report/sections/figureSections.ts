/** The two charts, with captions; the renderers place the SVG or image link. */
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';

export function figureSections({ results, strings, level }: ReportContext): Block[] {
  const outcome = strings.outcome(results.config.primaryOutcome);
  return [
    { kind: 'heading', level: 2, text: strings.headings.figure1 },
    { kind: 'figure', chart: 'figure1', caption: strings.figure1Caption(outcome, results.config.primaryMonth, level) },
    { kind: 'heading', level: 2, text: strings.headings.monthly },
    { kind: 'figure', chart: 'monthly', caption: strings.monthlyCaption(outcome, level) },
  ];
}
