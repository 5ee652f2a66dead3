/**
 * Canonical spell types of data-contract §1, in the status priority order of
 * §4: a person-month's exclusive status is the first type that holds.
 */
export const SPELL_TYPES = [
  'work_unsubsidized',
  'work_subsidized',
  'work_sheltered',
  'education',
  'program',
  'daily_activity',
  'unemployed',
  'other',
] as const;

export type SpellType = (typeof SPELL_TYPES)[number];

/** Status `none`: no spell type holds in the month. */
export const STATUS_NONE = SPELL_TYPES.length;

export const STATUS_NAMES: readonly string[] = [...SPELL_TYPES, 'none'];

const TYPE_INDEX = new Map<string, number>(SPELL_TYPES.map((t, i) => [t, i]));

/** Index of a canonical type, or -1. */
export function spellTypeIndex(name: string): number {
  return TYPE_INDEX.get(name) ?? -1;
}

/** The default outcomes of data-contract §4; their names are part of the contract. */
export const DEFAULT_OUTCOMES: Readonly<Record<string, readonly SpellType[]>> = {
  work: ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'],
  employment: ['work_unsubsidized', 'work_subsidized', 'work_sheltered'],
  work_unsubsidized: ['work_unsubsidized'],
  work_subsidized: ['work_subsidized'],
  work_sheltered: ['work_sheltered'],
  education: ['education'],
};
