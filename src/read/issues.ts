import { DataError, type DataIssue } from '../errors.js';

/** How many data issues a run lists before it only counts the rest. */
export const MAX_LISTED_ISSUES = 20;

/**
 * Collects data issues across a whole file, so a person can fix every
 * problem in one pass instead of one per run.
 */
export class IssueCollector {
  readonly listed: DataIssue[] = [];
  unlisted = 0;

  add(issue: DataIssue): void {
    if (this.listed.length < MAX_LISTED_ISSUES) this.listed.push(issue);
    else this.unlisted++;
  }

  get count(): number {
    return this.listed.length + this.unlisted;
  }

  throwIfAny(): void {
    if (this.count === 0) return;
    const error = new DataError(this.listed);
    if (this.unlisted > 0) error.message += `\n… and ${this.unlisted} more data errors`;
    throw error;
  }
}
