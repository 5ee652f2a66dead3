/**
 * Composition of work: the stacked status chart at the primary month and a
 * table of every status's share by arm with the difference from the
 * reference. Absent when the results have no
 * composition.
 */
import { compositionData } from '../../render/compositionSpec.js';
import { estimateCell, intervalCell, shareCell } from '../cells.js';
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

export function compositionSection(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const section = results.composition;
  if (section === undefined) return [];
  const words = strings.composition;
  const month = results.config.primaryMonth;
  const share = (status: string, arm: string) => section.shares.find((r) => r.outcome === status && r.subgroup === 'all' && r.arm === arm && r.month === month);
  const effect = (status: string, arm: string) => section.effects.find((r) => r.outcome === status && r.subgroup === 'all' && r.arm === arm && r.month === month);
  const rows = section.statuses.map((status) => [
    words.status(status),
    ...index.arms.map((arm) => shareCell(share(status, arm))),
    ...index.comparedArms.map((arm) => {
      const row = effect(status, arm);
      const interval = intervalCell(row, strings.intervalJoiner);
      const point = estimateCell(row);
      return interval === '' || point === '–' ? point : `${point} (${interval})`;
    }),
  ]);
  return [
    { kind: 'heading', level: 2, text: strings.headings.composition },
    { kind: 'paragraph', text: words.intro(section.statuses.map(words.status)) },
    // The chart exists when it has something to draw (compositionSpec returns null otherwise).
    ...((compositionData(results, month)?.values.length ?? 0) > 0 ? [{ kind: 'figure', chart: 'composition', caption: words.figureCaption(month) } as Block] : []),
    withSuppressionNote(
      {
        kind: 'table',
        caption: words.tableCaption(month, index.reference, level),
        head: [words.statusColumn, ...index.arms, ...index.comparedArms.map((arm) => words.differenceColumn(arm, index.reference))],
        rows,
        numeric: [false, ...index.arms.map(() => true), ...index.comparedArms.map(() => true)],
      },
      context,
    ),
  ];
}
