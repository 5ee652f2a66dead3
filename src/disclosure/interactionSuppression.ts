/**
 * An interaction is an arm's effect in one level minus its effect in the
 * other, so with one of the two effects published it gives the other back:
 * it is hidden when either effect is hidden. An effect the results do not
 * hold cannot be checked, and its shares may be hidden, so an interaction
 * built on one is hidden too.
 */
import type { EffectRow, InteractionRow } from '../results.js';
import { cellOf, type EffectFlags } from './effectSuppression.js';

/** The subgroup label of one level: `<variable>=<level>`. */
export function levelLabel(variable: string, level: string): string {
  return `${variable}=${level}`;
}

export function interactionSuppression(interactions: readonly InteractionRow[], effects: readonly EffectRow[], effectFlags: EffectFlags): EffectFlags {
  const effectIndex = new Map<string, number>();
  effects.forEach((row, i) => effectIndex.set(cellOf(row.outcome, row.subgroup, row.arm, row.month), i));
  const primary = new Uint8Array(interactions.length);
  const hidden = new Uint8Array(interactions.length);
  interactions.forEach((row, i) => {
    const built = row.levels.map((level) => effectIndex.get(cellOf(row.outcome, levelLabel(row.subgroup_variable, level), row.arm, row.month)));
    const flag = (flags: Uint8Array): boolean => built.some((e) => e !== undefined && flags[e] === 1);
    primary[i] = row.suppressed || flag(effectFlags.primary) ? 1 : 0;
    hidden[i] = primary[i] === 1 || flag(effectFlags.hidden) || built.some((e) => e === undefined) ? 1 : 0;
  });
  return { primary, hidden };
}
