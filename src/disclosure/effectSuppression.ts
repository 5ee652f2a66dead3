/**
 * An effect is the arm's share minus the reference's, so with one of the two
 * shares published the effect gives the other back: an effect is hidden when
 * either of its shares is, for whatever reason (primary or complementary).
 * The same holds for a person-level outcome (month null) and the arms' means
 * in person_outcomes, which the caller passes as cells with month null.
 */
import type { EffectRow } from '../results.js';
import type { ShareFlags } from './shareSuppression.js';

/** What an effect is built from: a share row, or a person-level mean (month null). */
export interface EffectCell {
  outcome: string;
  subgroup: string;
  arm: string;
  month: number | null;
}

export interface EffectFlags {
  /** 1 where a share of the effect is hidden by the primary rule (or the producer had hidden the effect). */
  primary: Uint8Array;
  hidden: Uint8Array;
}

export function effectSuppression(effects: readonly EffectRow[], shares: readonly EffectCell[], shareFlags: ShareFlags): EffectFlags {
  const shareIndex = new Map<string, number>();
  shares.forEach((row, i) => shareIndex.set(cellOf(row.outcome, row.subgroup, row.arm, row.month), i));
  const primary = new Uint8Array(effects.length);
  const hidden = new Uint8Array(effects.length);
  effects.forEach((effect, i) => {
    const pair = [effect.arm, effect.reference].map((arm) => shareIndex.get(cellOf(effect.outcome, effect.subgroup, arm, effect.month)));
    // An effect without both of its shares in the table (e.g. a model
    // coefficient) keeps the producer's own flag.
    const flag = (flags: Uint8Array): boolean => pair.some((i) => i !== undefined && flags[i] === 1);
    primary[i] = effect.suppressed || flag(shareFlags.primary) ? 1 : 0;
    hidden[i] = primary[i] === 1 || flag(shareFlags.hidden) ? 1 : 0;
  });
  return { primary, hidden };
}

export function cellOf(outcome: string, subgroup: string, arm: string, month: number | null): string {
  return `${outcome}\u0000${subgroup}\u0000${arm}\u0000${month}`;
}
