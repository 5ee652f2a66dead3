/** The primary result in words: each arm against the reference at the primary month. */
import type { Block } from '../document.js';
import { formatCount, formatInterval, formatPClause, formatPercent, formatPoints } from '../format.js';
import type { ReportContext } from './context.js';

export function summarySection({ results, index, strings, level }: ReportContext): Block[] {
  const { primaryOutcome: outcome, primaryMonth: month } = results.config;
  const reference = index.reference;
  const referenceRow = index.share(outcome, 'all', reference, month);
  const sentences = index.comparedArms.map((arm) => {
    const armRow = index.share(outcome, 'all', arm, month);
    const effect = index.effect(outcome, 'all', arm, month);
    if (
      armRow?.share == null || referenceRow?.share == null || armRow.suppressed || referenceRow.suppressed ||
      effect === undefined || effect.suppressed || effect.estimate === null || effect.ci_low === null || effect.ci_high === null
    ) {
      return strings.summaryUnavailable(month, arm, reference, strings.outcome(outcome));
    }
    return strings.summary({
      month,
      arm,
      armShare: formatPercent(armRow.share),
      reference,
      referenceShare: formatPercent(referenceRow.share),
      outcome: strings.outcome(outcome),
      difference: formatPoints(effect.estimate),
      level,
      interval: formatInterval(effect.ci_low, effect.ci_high, strings.intervalJoiner),
      pClause: pClauses(effect.p, effect.p_holm, strings.inference.holmClause),
    });
  });

  // An arm's n may be suppressed (null); the total randomized is published as the participants' rows.
  const total = results.inputs.participants?.rows ?? index.arms.reduce((sum, arm) => sum + (results.n[arm] ?? 0), 0);
  const perArm = index.arms.map((arm) => `${arm} ${formatArmCount(results.n[arm])}`).join(', ');

  return [
    { kind: 'heading', level: 2, text: strings.headings.summary },
    ...sentences.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: strings.randomized(formatCount(total), perArm) },
  ];
}

function formatArmCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : formatCount(n);
}

/** "p = 0.004; Holm-adjusted p = 0.008": the primary result is the Holm family, so its adjusted p goes with it. */
function pClauses(p: number | null, pHolm: number | null | undefined, holm: (clause: string) => string): string | null {
  const clauses = [p === null ? null : formatPClause(p), pHolm === null || pHolm === undefined ? null : holm(formatPClause(pHolm))].filter((c) => c !== null);
  return clauses.length === 0 ? null : clauses.join('; ');
}
