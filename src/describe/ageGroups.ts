/**
 * Age groups of the county-mapping tabulations: whole years, inclusive,
 * "19-21,22-24,25-27,28-29" by default (the 19–29 age span of activity
 * compensation in steps of three years).
 */
import { UsageError } from '../errors.js';
import type { AgeGroup } from './types.js';

export const DEFAULT_AGE_GROUPS = '19-21,22-24,25-27,28-29';

/** Label of persons whose age falls in no group. */
export const OUTSIDE_AGE_GROUPS = 'other ages';

/** Parses "19-21,22-24"; groups must be ascending and must not overlap. */
export function parseAgeGroups(text: string): AgeGroup[] {
  const groups: AgeGroup[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*$/.exec(part);
    if (!match) throw new UsageError(`--age-groups takes ranges like 19-21,22-24, got ${JSON.stringify(part.trim())}`);
    const from = Number(match[1]);
    const to = Number(match[2]);
    if (to < from) throw new UsageError(`--age-groups: ${from}-${to} ends before it starts`);
    const previous = groups[groups.length - 1];
    if (previous && from <= previous.to) throw new UsageError(`--age-groups: ${from}-${to} must start after ${previous.label} ends`);
    groups.push({ label: from === to ? String(from) : `${from}–${to}`, from, to });
  }
  return groups;
}

/** The index of the group of `age`, -1 when none: a group from–to holds from ≤ age < to + 1, so 21.5 is in 19–21. */
export function ageGroupOf(age: number, groups: readonly AgeGroup[]): number {
  return groups.findIndex((group) => age >= group.from && age < group.to + 1);
}
