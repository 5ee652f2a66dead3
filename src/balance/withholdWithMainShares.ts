/**
 * A pre-randomization row of the balance table shows the same share as the
 * main table's row for the primary outcome, subgroup `all`, that arm and
 * month. When disclosure control hides that share (a small cell, or a
 * complement chosen so that a small cell cannot be recovered), the balance
 * row must not show it either: its mean and SMD are withheld too.
 */
import type { BalanceSection, ShareRow } from '../results.js';

export function withholdWithMainShares(section: BalanceSection, shares: readonly ShareRow[], outcome: string): BalanceSection {
  const hidden = new Set(shares.filter((row) => row.suppressed && row.outcome === outcome && row.subgroup === 'all').map((row) => JSON.stringify([row.arm, row.month])));
  if (hidden.size === 0) return section;
  const rows = section.rows.map((row) => {
    if (row.month === null || row.variable !== outcome) return row;
    const armHidden = hidden.has(JSON.stringify([row.arm, row.month]));
    const referenceHidden = hidden.has(JSON.stringify([row.reference, row.month]));
    if (!armHidden && !referenceHidden) return row;
    return {
      ...row,
      mean: armHidden ? null : row.mean,
      reference_mean: referenceHidden ? null : row.reference_mean,
      smd: null,
      flagged: null,
      suppressed: true,
    };
  });
  return { ...section, rows };
}
