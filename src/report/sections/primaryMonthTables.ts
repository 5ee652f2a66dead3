/**
 * The primary month by subgroup (primary outcome) and by outcome (all
 * persons). Both list every arm with its share and, for the compared arms,
 * the difference from the reference.
 */
import type { EffectRow } from '../../results.js';
import { estimateCell, intervalCell, personsCell, shareCell } from '../cells.js';
import type { Block, TableBlock } from '../document.js';
import type { ReportContext } from './context.js';
import { pLegend, type PLegend } from './pValueLegend.js';
import { withSuppressionNote } from './suppressionNote.js';

interface Line {
  outcome: string;
  subgroup: string;
  label: string;
}

function armRows(context: ReportContext, { outcome, subgroup, label }: Line, p: PLegend): string[][] {
  const { results, index, strings } = context;
  const month = results.config.primaryMonth;
  return index.arms.map((arm) => {
    const share = index.share(outcome, subgroup, arm, month);
    const effect = index.effect(outcome, subgroup, arm, month);
    const effectCells =
      arm === index.reference ? [strings.reference, '', ''] : [estimateCell(effect), intervalCell(effect, strings.intervalJoiner), p.cell(effect)];
    return [label, arm, personsCell(share), shareCell(share), intervalCell(share, strings.intervalJoiner), ...effectCells];
  });
}

/** The table of some outcome × subgroup lines at the primary month, with the legend of its p-values. */
function primaryMonthTable(context: ReportContext, lines: Line[], caption: string, first: string): TableBlock {
  const { results, index } = context;
  const month = results.config.primaryMonth;
  const effects = lines.flatMap((line) => index.comparedArms.map((arm) => index.effect(line.outcome, line.subgroup, arm, month))).filter((e): e is EffectRow => e !== undefined);
  const p = pLegend(context, effects);
  const table: TableBlock = { kind: 'table', caption, head: head(context, first), rows: lines.flatMap((line) => armRows(context, line, p)), numeric: NUMERIC };
  return withSuppressionNote(p.note === undefined ? table : { ...table, note: p.note }, context);
}

function head(context: ReportContext, first: string): string[] {
  const c = context.strings.columns;
  return [first, c.arm, c.persons, c.share, c.ci(context.level), c.difference, c.ciPoints(context.level), c.p];
}

const NUMERIC = [false, false, true, true, true, true, true, true];

export function subgroupTable(context: ReportContext): Block[] {
  const { results, index, strings } = context;
  const outcome = results.config.primaryOutcome;
  const lines = index.subgroups().map((subgroup) => ({ outcome, subgroup, label: strings.subgroupLabel(subgroup) }));
  return [
    { kind: 'heading', level: 2, text: strings.headings.subgroups },
    primaryMonthTable(context, lines, strings.subgroupsCaption(strings.outcome(outcome), results.config.primaryMonth, index.reference), strings.columns.subgroup),
  ];
}

export function outcomesTable(context: ReportContext): Block[] {
  const { results, index, strings } = context;
  const lines = index.outcomes().map((outcome) => ({ outcome, subgroup: 'all', label: outcome }));
  return [
    { kind: 'heading', level: 2, text: strings.headings.outcomes },
    primaryMonthTable(context, lines, strings.outcomesCaption(results.config.primaryMonth, index.reference), strings.columns.outcome),
  ];
}
