/**
 * Person-level outcomes (config.personOutcomes): each arm's mean in all
 * persons with its interval, and the difference from the reference with its
 * interval and p, in the outcome's own units. Subgroup means are in
 * tables/person_outcomes.csv, subgroup effects in tables/effects.csv (month
 * empty). Absent without person-level outcomes.
 */
import type { EffectRow } from '../../results.js';
import { amountCell, amountIntervalCell } from '../cells.js';
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';
import { personDecimals } from './personUnits.js';
import { pLegend } from './pValueLegend.js';
import { withSuppressionNote } from './suppressionNote.js';

export function personOutcomesSection(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const outcomes = index.personOutcomes();
  if (outcomes.length === 0) return [];
  const words = strings.personOutcomes;
  const joiner = strings.intervalJoiner;
  const effects = outcomes.flatMap((outcome) => index.comparedArms.map((arm) => index.personEffect(outcome, 'all', arm))).filter((e): e is EffectRow => e !== undefined);
  const p = pLegend(context, effects);

  const rows = outcomes.flatMap((outcome) => {
    const decimals = personDecimals(results, outcome);
    return index.arms.map((arm) => {
      const mean = index.personOutcome(outcome, 'all', arm);
      const effect = index.personEffect(outcome, 'all', arm);
      const n = mean === undefined ? '' : mean.suppressed ? '–' : mean.n === null ? '' : formatCount(mean.n);
      const effectCells =
        arm === index.reference
          ? [strings.reference, '', '']
          : [amountCell(effect, (r) => r.estimate, decimals), amountIntervalCell(effect, decimals, joiner), p.cell(effect)];
      return [strings.outcome(outcome), arm, n, amountCell(mean, (r) => r.mean, decimals), amountIntervalCell(mean, decimals, joiner), ...effectCells];
    });
  });
  const c = words.columns;
  const head = [strings.columns.outcome, strings.columns.arm, strings.columns.persons, c.mean, c.ci(level), c.difference, c.ciDifference(level), strings.columns.p];
  return [
    { kind: 'heading', level: 2, text: strings.headings.personOutcomes },
    { kind: 'paragraph', text: words.intro(outcomes.map(strings.outcome)) },
    withSuppressionNote(
      {
        kind: 'table',
        caption: words.tableCaption(index.reference, level),
        head,
        rows,
        numeric: [false, false, true, true, true, true, true, true],
        ...(p.note === undefined ? {} : { note: p.note }),
      },
      context,
    ),
  ];
}
