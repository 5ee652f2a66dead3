/**
 * Tables 3 and 4: the primary month by subgroup (primary outcome) and by
 * outcome (all persons). Both list every arm with its share and, for the
 * compared arms, the difference from the reference.
 */
import { estimateCell, intervalCell, pCell, personsCell, shareCell } from '../cells.js';
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

function armRows(context: ReportContext, outcome: string, subgroup: string, label: string): string[][] {
  const { results, index, strings } = context;
  const month = results.config.primaryMonth;
  return index.arms.map((arm) => {
    const share = index.share(outcome, subgroup, arm, month);
    const effect = index.effect(outcome, subgroup, arm, month);
    const effectCells =
      arm === index.reference ? [strings.reference, '', ''] : [estimateCell(effect), intervalCell(effect, strings.intervalJoiner), pCell(effect)];
    return [label, arm, personsCell(share), shareCell(share), intervalCell(share, strings.intervalJoiner), ...effectCells];
  });
}

function head(context: ReportContext, first: string): string[] {
  const c = context.strings.columns;
  return [first, c.arm, c.persons, c.share, c.ci(context.level), c.difference, c.ciPoints(context.level), c.p];
}

const NUMERIC = [false, false, true, true, true, true, true, true];

export function subgroupTable(context: ReportContext): Block[] {
  const { results, index, strings } = context;
  const outcome = results.config.primaryOutcome;
  const rows = index.subgroups().flatMap((subgroup) => armRows(context, outcome, subgroup, strings.subgroupLabel(subgroup)));
  return [
    { kind: 'heading', level: 2, text: strings.headings.subgroups },
    withSuppressionNote(
      {
        kind: 'table',
        caption: strings.subgroupsCaption(strings.outcome(outcome), results.config.primaryMonth, index.reference),
        head: head(context, strings.columns.subgroup),
        rows,
        numeric: NUMERIC,
      },
      context,
    ),
  ];
}

export function outcomesTable(context: ReportContext): Block[] {
  const { results, index, strings } = context;
  const rows = index.outcomes().flatMap((outcome) => armRows(context, outcome, 'all', outcome));
  return [
    { kind: 'heading', level: 2, text: strings.headings.outcomes },
    withSuppressionNote(
      {
        kind: 'table',
        caption: strings.outcomesCaption(results.config.primaryMonth, index.reference),
        head: head(context, strings.columns.outcome),
        rows,
        numeric: NUMERIC,
      },
      context,
    ),
  ];
}
