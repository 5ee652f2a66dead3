/**
 * Interactions: whether an arm's effect differs between the two levels of a
 * subgroup variable (effect in a minus effect in b, with its interval and p).
 * The report shows the primary outcome at the primary month and the
 * person-level outcomes; tables/interactions.csv has every row. Absent when
 * the results have no interactions.
 */
import type { InteractionRow } from '../../results.js';
import { amountCell, amountIntervalCell, estimateCell, intervalCell } from '../cells.js';
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';
import { personDecimals } from './personUnits.js';
import { pLegend } from './pValueLegend.js';
import { joinNotes, withSuppressionNote } from './suppressionNote.js';

export function interactionsSection(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const { primaryOutcome, primaryMonth, subgroups } = results.config;
  const shown = (results.interactions ?? []).filter((row) => (row.outcome === primaryOutcome && row.month === primaryMonth) || row.month === null);
  if (shown.length === 0) return [];

  const outcomes = [primaryOutcome, ...index.personOutcomes()];
  const rank = (list: readonly string[], value: string): number => (list.includes(value) ? list.indexOf(value) : list.length);
  // Stable sort: rows the order does not place keep the order of the results.
  const rows = [...shown].sort(
    (a, b) =>
      rank(outcomes, a.outcome) - rank(outcomes, b.outcome) ||
      (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0) ||
      rank(subgroups, a.subgroup_variable) - rank(subgroups, b.subgroup_variable) ||
      rank(index.arms, a.arm) - rank(index.arms, b.arm),
  );
  const words = strings.interactions;
  const joiner = strings.intervalJoiner;
  const p = pLegend(context, rows);
  const decimals = new Map<string, number>();
  const amounts = (outcome: string): number => {
    if (!decimals.has(outcome)) decimals.set(outcome, personDecimals(results, outcome));
    return decimals.get(outcome)!;
  };
  const levelLabel = (row: InteractionRow, i: 0 | 1): string => strings.subgroupLabel(`${row.subgroup_variable}=${row.levels[i]}`);
  const body = rows.map((row) => {
    const person = row.month === null;
    return [
      strings.outcome(row.outcome),
      person ? words.personLevel : String(row.month),
      row.subgroup_variable,
      row.arm,
      words.comparison(levelLabel(row, 0), levelLabel(row, 1)),
      person ? amountCell(row, (r) => r.estimate, amounts(row.outcome)) : estimateCell(row),
      person ? amountIntervalCell(row, amounts(row.outcome), joiner) : intervalCell(row, joiner),
      p.cell(row),
    ];
  });
  const c = words.columns;
  const head = [strings.columns.outcome, c.month, c.variable, strings.columns.arm, c.comparison, c.difference, c.ci(level), strings.columns.p];
  const note = joinNotes([words.unitsNote(rows.some((row) => row.month === null)), p.note]);
  return [
    { kind: 'heading', level: 2, text: strings.headings.interactions },
    { kind: 'paragraph', text: words.intro },
    withSuppressionNote(
      { kind: 'table', caption: words.tableCaption(level), head, rows: body, numeric: [false, true, false, false, false, true, true, true], ...(note === undefined ? {} : { note }) },
      context,
    ),
  ];
}
