/**
 * Effects by month: the effect-over-time chart (difference from the
 * reference with pointwise intervals and the simultaneous band) and the
 * table of every compared arm's effect on the primary outcome month by
 * month with its p-value, and the Holm-adjusted p of the primary family and
 * the band where the results carry them.
 */
import { effectOverTimeData } from '../../render/effectOverTimeSpec.js';
import { bandCell, estimateCell, intervalCell, pHolmCell, seCell } from '../cells.js';
import type { Block } from '../document.js';
import type { EffectRow } from '../../results.js';
import type { ReportContext } from './context.js';
import { pLegend } from './pValueLegend.js';
import { joinNotes, withSuppressionNote } from './suppressionNote.js';

export function effectsTable(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const outcome = results.config.primaryOutcome;
  const months = index.months(outcome, 'all');
  const cells = index.comparedArms.flatMap((arm) => months.map((month) => ({ arm, month, effect: index.effect(outcome, 'all', arm, month) })));
  const effects = cells.map((c) => c.effect).filter((e): e is EffectRow => e !== undefined);
  // Columns for what the rows carry: results from before Holm or bands have neither.
  const holm = effects.some((e) => e.p_holm !== undefined);
  const band = effects.some((e) => e.band_low !== undefined || e.band_high !== undefined);
  const p = pLegend(context, effects);
  const joiner = strings.intervalJoiner;
  const rows = cells.map(({ arm, month, effect }) => [
    arm,
    String(month),
    estimateCell(effect),
    seCell(effect),
    intervalCell(effect, joiner),
    p.cell(effect),
    ...(holm ? [pHolmCell(effect)] : []),
    ...(band ? [bandCell(effect, joiner)] : []),
  ]);
  const c = strings.columns;
  const head = [c.arm, c.month, c.difference, c.se, c.ciPoints(level), c.p, ...(holm ? [c.pHolm] : []), ...(band ? [c.band(level)] : [])];
  const words = strings.inference;
  const note = joinNotes([
    p.note,
    holm ? words.holmNote(strings.outcome(outcome), results.config.primaryMonth) : undefined,
    band ? words.bandNote(level) : undefined,
  ]);
  return [
    { kind: 'heading', level: 2, text: strings.headings.effects },
    // The chart exists when some effect carries a band (effectOverTimeSpec returns null otherwise).
    ...(effectOverTimeData(results).banded
      ? [{ kind: 'figure', chart: 'effect_over_time', caption: strings.effectOverTimeCaption(strings.outcome(outcome), index.reference, level) } as Block]
      : []),
    withSuppressionNote(
      {
        kind: 'table',
        caption: strings.effectsCaption(strings.outcome(outcome), index.reference),
        head,
        rows,
        numeric: head.map((_, i) => i > 0),
        ...(note === undefined ? {} : { note }),
      },
      context,
    ),
  ];
}
