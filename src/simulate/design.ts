/**
 * The simulated trial's design: arms, recruitment period, follow-up and the
 * extract date, with the defaults of the 2017 trial (ae-trial-2017.md).
 */
import { UsageError } from '../errors.js';
import { addMonths, formatDay, parseDay, type Day } from '../time/days.js';

/** Arm codes; an arm is stored as its index in this list. */
export const ARMS = ['FS', 'SE', 'CM'] as const;
export type Arm = (typeof ARMS)[number];
export const ARM_FS = 0;
export const ARM_SE = 1;
export const ARM_CM = 2;

export interface SimulateOptions {
  /** Number of randomized persons. */
  n: number;
  /** Seed; the extract is a function of (options) alone. */
  seed: number;
  /** Months of follow-up written into the config (default 15). The true work curves are flat after month 15. */
  followUpMonths?: number;
  /** First day of recruitment, ISO (default 2014-11-01). */
  recruitmentStart?: string;
  /** Last day of recruitment, ISO (default 2016-01-31). */
  recruitmentEnd?: string;
  /**
   * Last day the registers cover, ISO. Default: followUpMonths months after
   * the end of recruitment, the first day after every person's last window.
   * Must not fall before the last person's last follow-up window ends.
   */
  extractDate?: string;
}

export interface TrialDesign {
  n: number;
  /** The seed folded into 32 bits. */
  seed: number;
  followUpMonths: number;
  recruitmentStart: Day;
  recruitmentEnd: Day;
  extractDate: Day;
}

/** Largest N whose ids still fit the pseudonym pattern P + 7 digits. */
export const MAX_PERSONS = 9_999_999;

export function resolveDesign(options: SimulateOptions): TrialDesign {
  const { n, seed } = options;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERSONS) {
    throw new UsageError(`simulate: n must be a whole number from 1 to ${MAX_PERSONS} (got ${n})`);
  }
  if (!Number.isInteger(seed)) throw new UsageError(`simulate: seed must be a whole number (got ${seed})`);
  const followUpMonths = options.followUpMonths ?? 15;
  if (!Number.isInteger(followUpMonths) || followUpMonths < 1 || followUpMonths > 120) {
    throw new UsageError(`simulate: followUpMonths must be a whole number from 1 to 120 (got ${followUpMonths})`);
  }
  const recruitmentStart = dateOption('recruitmentStart', options.recruitmentStart ?? '2014-11-01');
  const recruitmentEnd = dateOption('recruitmentEnd', options.recruitmentEnd ?? '2016-01-31');
  if (recruitmentEnd < recruitmentStart) {
    throw new UsageError('simulate: recruitmentEnd must not be before recruitmentStart');
  }
  // The last person's last window ends the day before addMonths(end, M).
  const firstFullyObserved = addMonths(recruitmentEnd, followUpMonths) - 1;
  const extractDate =
    options.extractDate === undefined ? firstFullyObserved + 1 : dateOption('extractDate', options.extractDate);
  if (extractDate < firstFullyObserved) {
    throw new UsageError(
      `simulate: extractDate must be on or after ${formatDay(firstFullyObserved)}, the end of the last person's follow-up`,
    );
  }
  return { n, seed: seedBits(seed), followUpMonths, recruitmentStart, recruitmentEnd, extractDate };
}

/** Folds a whole-number seed of any size into 32 bits, keeping its high bits in play. */
function seedBits(seed: number): number {
  const high = Math.floor(seed / 4294967296) | 0;
  return ((seed >>> 0) ^ Math.imul(high, 0x9e3779b1)) >>> 0;
}

function dateOption(name: string, text: string): Day {
  const day = parseDay(text);
  if (day === undefined) throw new UsageError(`simulate: ${name} must be an ISO date YYYY-MM-DD (got ${JSON.stringify(text)})`);
  return day;
}
