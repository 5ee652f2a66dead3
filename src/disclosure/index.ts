/**
 * Disclosure control applied to a whole Results object before anything is
 * written (results-schema: a suppressed value is null with suppressed: true).
 */
import type { Results } from '../results.js';

export interface DisclosureOptions {
  /** False only for work inside a secure environment (--no-disclosure-control). */
  enabled: boolean;
}

export function applyDisclosureControl(results: Results, options: DisclosureOptions): Results {
  const primary = results.shares.filter((row) => row.suppressed).length + results.effects.filter((row) => row.suppressed).length;
  return {
    ...results,
    disclosure: { applied: options.enabled, min_cell_size: results.config.minCellSize, primary_suppressed: primary, complementary_suppressed: 0 },
  };
}
