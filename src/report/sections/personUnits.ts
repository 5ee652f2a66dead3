/**
 * Person-level outcomes are in their own units (kronor, days, …), not
 * shares: one number of decimals per outcome, from the size of its values,
 * so its means, effects and intervals line up in every table.
 */
import type { Results } from '../../results.js';
import { amountDecimals } from '../format.js';

export function personDecimals(results: Results, outcome: string): number {
  const values: (number | null)[] = [];
  for (const row of results.person_outcomes ?? []) if (row.outcome === outcome) values.push(row.mean, row.ci_low, row.ci_high);
  for (const row of results.effects) if (row.outcome === outcome && row.month === null) values.push(row.estimate, row.ci_low, row.ci_high);
  for (const row of results.interactions ?? []) if (row.outcome === outcome && row.month === null) values.push(row.estimate, row.ci_low, row.ci_high);
  return amountDecimals(values);
}
