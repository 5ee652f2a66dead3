/**
 * The aggregate rows a chart may embed. Charts are published, so their data
 * carry share estimates only (arm, month, share, CI): no counts of small
 * cells, no person rows. Suppressed rows are dropped here and counted, so the
 * chart can say how many values it leaves out.
 */
import type { Results, ShareRow } from '../results.js';

export interface ChartShareDatum {
  arm: string;
  month: number;
  share: number;
  ci_low: number | null;
  ci_high: number | null;
}

export interface ChartShares {
  values: ChartShareDatum[];
  /** Rows in the selection left out because they are suppressed. */
  suppressed: number;
}

/** The arm order every chart follows: the configured one. */
export function chartArms(results: Results): string[] {
  return [...results.config.arms];
}

/**
 * Shares of the primary outcome in the full sample (`all`), for the months
 * `includeMonth` accepts, sorted by arm order then month so that the embedded
 * data do not depend on the row order of the results.
 */
export function primaryOutcomeShares(results: Results, includeMonth: (month: number) => boolean): ChartShares {
  const arms = chartArms(results);
  const armIndex = new Map(arms.map((arm, index) => [arm, index]));
  const selected = results.shares.filter(
    (row) => row.outcome === results.config.primaryOutcome && row.subgroup === 'all' && armIndex.has(row.arm) && includeMonth(row.month),
  );
  const shown = selected.filter(isShown);
  shown.sort((a, b) => armIndex.get(a.arm)! - armIndex.get(b.arm)! || a.month - b.month);
  return {
    values: shown.map((row) => ({ arm: row.arm, month: row.month, share: row.share as number, ci_low: row.ci_low, ci_high: row.ci_high })),
    suppressed: selected.length - shown.length,
  };
}

function isShown(row: ShareRow): boolean {
  return !row.suppressed && row.share !== null && Number.isFinite(row.share);
}
