/** Table 2: effect of every compared arm on the primary outcome, month by month. */
import { estimateCell, intervalCell, pCell, seCell } from '../cells.js';
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

export function effectsTable(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const outcome = results.config.primaryOutcome;
  const months = index.months(outcome, 'all');
  const rows = index.comparedArms.flatMap((arm) =>
    months.map((month) => {
      const effect = index.effect(outcome, 'all', arm, month);
      return [arm, String(month), estimateCell(effect), seCell(effect), intervalCell(effect, strings.intervalJoiner), pCell(effect)];
    }),
  );
  const c = strings.columns;
  return [
    { kind: 'heading', level: 2, text: strings.headings.effects },
    withSuppressionNote(
      {
        kind: 'table',
        caption: strings.effectsCaption(strings.outcome(outcome), index.reference),
        head: [c.arm, c.month, c.difference, c.se, c.ciPoints(level), c.p],
        rows,
        numeric: [false, true, true, true, true, true],
      },
      context,
    ),
  ];
}
