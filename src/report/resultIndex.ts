/**
 * Lookups into the result rows by outcome × subgroup × arm × month, and the
 * orders the report lists things in (arms as configured, `all` first).
 */
import type { EffectRow, Results, ShareRow } from '../results.js';

// JSON keys cannot collide whatever characters the names contain.
const key = (outcome: string, subgroup: string, arm: string, month: number): string => JSON.stringify([outcome, subgroup, arm, month]);

export class ResultIndex {
  private readonly shareRows = new Map<string, ShareRow>();
  private readonly effectRows = new Map<string, EffectRow>();

  constructor(readonly results: Results) {
    for (const row of results.shares) this.shareRows.set(key(row.outcome, row.subgroup, row.arm, row.month), row);
    for (const row of results.effects) this.effectRows.set(key(row.outcome, row.subgroup, row.arm, row.month), row);
  }

  share(outcome: string, subgroup: string, arm: string, month: number): ShareRow | undefined {
    return this.shareRows.get(key(outcome, subgroup, arm, month));
  }

  effect(outcome: string, subgroup: string, arm: string, month: number): EffectRow | undefined {
    return this.effectRows.get(key(outcome, subgroup, arm, month));
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

  /** Months with share rows for an outcome and subgroup, ascending. */
  months(outcome: string, subgroup: string): number[] {
    const months = this.results.shares.filter((row) => row.outcome === outcome && row.subgroup === subgroup).map((row) => row.month);
    return unique(months).sort((a, b) => a - b);
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
