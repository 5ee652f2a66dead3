/**
 * The person-months of a cost-effectiveness row are the sum of the monthly
 * shares of the primary outcome in that subgroup (months 1 … M), which the
 * main table publishes month by month; the share difference is one of them.
 * When disclosure control hides any of those shares for the arm or the
 * reference (a small cell, or a complement), the sum would give it back by
 * subtraction, so every effect value of the row is withheld. Costs stay.
 */
import type { CostEffectivenessSection, ShareRow } from '../results.js';

export function withholdWithMainShares(section: CostEffectivenessSection, shares: readonly ShareRow[]): CostEffectivenessSection {
  const hidden = new Set(
    shares
      .filter((row) => row.suppressed && row.outcome === section.outcome && row.month >= 1 && row.month <= section.months)
      .map((row) => JSON.stringify([row.subgroup, row.arm])),
  );
  if (hidden.size === 0) return section;
  const rows = section.rows.map((row) => {
    if (!hidden.has(JSON.stringify([row.subgroup, row.arm])) && !hidden.has(JSON.stringify([row.subgroup, row.reference]))) return row;
    return {
      ...row,
      work_months: null,
      reference_work_months: null,
      delta_work_months: null,
      delta_work_months_ci_low: null,
      delta_work_months_ci_high: null,
      delta_share: null,
      delta_share_ci_low: null,
      delta_share_ci_high: null,
      icer_work_months: null,
      icer_work_months_ci_low: null,
      icer_work_months_ci_high: null,
      icer_meaningful: false,
      net_benefit: null,
      net_benefit_ci_low: null,
      net_benefit_ci_high: null,
      ceac: [],
      suppressed: true,
    };
  });
  return { ...section, rows };
}
