/** Share in the primary outcome by month (rows) and arm (columns), all persons. */
import { shareWithIntervalCell } from '../cells.js';
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

export function sharesTable(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const outcome = results.config.primaryOutcome;
  const arms = index.arms;
  const rows = index.months(outcome, 'all').map((month) => [
    String(month),
    ...arms.map((arm) => shareWithIntervalCell(index.share(outcome, 'all', arm, month), strings.intervalJoiner)),
  ]);
  return [
    { kind: 'heading', level: 2, text: strings.headings.shares },
    withSuppressionNote(
      {
        kind: 'table',
        caption: strings.sharesCaption(strings.outcome(outcome), level),
        head: [strings.columns.month, ...arms.map((arm) => strings.armWithN(arm, results.n[arm] === null || results.n[arm] === undefined ? '–' : formatCount(results.n[arm]!)))],
        rows,
        numeric: [true, ...arms.map(() => true)],
      },
      context,
    ),
  ];
}
