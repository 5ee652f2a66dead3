/**
 * Lookups into the result rows by outcome × subgroup × arm × month, and the
 * orders the report lists things in (arms as configured, `all` first).
 * Effects of person-level outcomes have month null and are kept apart from
 * the monthly ones, so monthly tables never meet them.
 */
import type { EffectRow, PersonOutcomeRow, Results, ShareRow } from '../results.js';

// JSON keys cannot collide whatever characters the names contain.
const key = (outcome: string, subgroup: string, arm: string, month: number | null): string => JSON.stringify([outcome, subgroup, arm, month]);

export class ResultIndex {
  private readonly shareRows = new Map<string, ShareRow>();
  private readonly effectRows = new Map<string, EffectRow>();
  private readonly personRows = new Map<string, PersonOutcomeRow>();

  constructor(readonly results: Results) {
    for (const row of results.shares) this.shareRows.set(key(row.outcome, row.subgroup, row.arm, row.month), row);
    for (const row of results.effects) this.effectRows.set(key(row.outcome, row.subgroup, row.arm, row.month), row);
    for (const row of results.person_outcomes ?? []) this.personRows.set(key(row.outcome, row.subgroup, row.arm, null), row);
  }

  share(outcome: string, subgroup: string, arm: string, month: number): ShareRow | undefined {
    return this.shareRows.get(key(outcome, subgroup, arm, month));
  }

  /** The effect of a monthly outcome in a month. */
  effect(outcome: string, subgroup: string, arm: string, month: number): EffectRow | undefined {
    return this.effectRows.get(key(outcome, subgroup, arm, month));
  }

  /** The effect on a person-level outcome (its row has month null). */
  personEffect(outcome: string, subgroup: string, arm: string): EffectRow | undefined {
    return this.effectRows.get(key(outcome, subgroup, arm, null));
  }

  /** An arm's mean of a person-level outcome. */
  personOutcome(outcome: string, subgroup: string, arm: string): PersonOutcomeRow | undefined {
    return this.personRows.get(key(outcome, subgroup, arm, null));
  }

  get arms(): string[] {
    return this.results.arms;
  }

  get reference(): string {
    return this.results.reference;
  }

  /** The arms compared with the reference, in arm order. */
  get comparedArms(): string[] {
    return this.results.arms.filter((arm) => arm !== this.results.reference);
  }

  /** `all` first, then subgroups in the order the results list them. */
  subgroups(): string[] {
    return ['all', ...unique(this.results.shares.map((row) => row.subgroup)).filter((s) => s !== 'all')];
  }

  /** The primary outcome first, then the configured order, then any others. */
  outcomes(): string[] {
    const { config } = this.results;
    const present = new Set(this.results.shares.map((row) => row.outcome));
    const ordered = unique([config.primaryOutcome, ...Object.keys(config.outcomes), ...present]);
    return ordered.filter((outcome) => present.has(outcome));
  }

  /** Person-level outcomes with a mean or an effect: configured order first, then any others. */
  personOutcomes(): string[] {
    const present = new Set([
      ...(this.results.person_outcomes ?? []).map((row) => row.outcome),
      ...this.results.effects.filter((row) => row.month === null).map((row) => row.outcome),
    ]);
    return unique([...this.results.config.personOutcomes, ...present]).filter((outcome) => present.has(outcome));
  }

  /** Months with share rows for an outcome and subgroup, ascending. */
  months(outcome: string, subgroup: string): number[] {
    const months = this.results.shares.filter((row) => row.outcome === outcome && row.subgroup === subgroup).map((row) => row.month);
    return unique(months).sort((a, b) => a - b);
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
