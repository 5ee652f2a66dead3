/**
 * Cost per person from costs.csv, whichever form it has: person-level costs
 * as read (NaN where a participant has no row), or every participant of an
 * arm at the arm's cost per participant (NaN for an arm the file leaves out).
 * One array either way, so the same bootstrap code serves both; with arm
 * costs the incremental cost has no sampling variation (its interval is the
 * point).
 */
import type { Costs } from '../read/costs.js';

export interface PersonCosts {
  cost: Float64Array;
  source: 'person' | 'arm';
  /** Participants without a cost, per arm index. */
  missingByArm: number[];
  /** Arms without any cost: no comparison can be made for them. */
  armsWithoutCost: string[];
}

export function personCosts(costs: Pick<Costs, 'perPerson' | 'perArm'>, arm: Uint8Array, arms: readonly string[]): PersonCosts {
  const cost = new Float64Array(arm.length);
  if (costs.perPerson !== null) cost.set(costs.perPerson);
  else for (let p = 0; p < arm.length; p++) cost[p] = costs.perArm?.get(arms[arm[p]]) ?? NaN;
  const missingByArm = arms.map(() => 0);
  const persons = arms.map(() => 0);
  for (let p = 0; p < arm.length; p++) {
    persons[arm[p]]++;
    if (Number.isNaN(cost[p])) missingByArm[arm[p]]++;
  }
  return {
    cost,
    source: costs.perPerson !== null ? 'person' : 'arm',
    missingByArm,
    armsWithoutCost: arms.filter((_, a) => persons[a] > 0 && missingByArm[a] === persons[a]),
  };
}
