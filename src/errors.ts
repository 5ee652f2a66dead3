/**
 * Errors that reach the user. The CLI maps each class to an exit code
 * (cli.md): UsageError 2, DataError 3, anything else 1 (internal fault).
 */

/** Bad command-line use or a bad configuration key: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where in which input a data error was found (data-contract §6). */
export interface DataIssue {
  file: string;
  /** 1-based; the header is line 1. Omitted for whole-file problems. */
  line?: number;
  column?: string;
  value?: string;
  expected: string;
}

export function formatDataIssue(issue: DataIssue): string {
  const place = [issue.file, issue.line !== undefined ? `line ${issue.line}` : undefined, issue.column !== undefined ? `column ${issue.column}` : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  const value = issue.value !== undefined ? `: value ${JSON.stringify(issue.value)}` : '';
  return `${place}${value}: expected ${issue.expected}`;
}

/** The input data break the contract: exit code 3, nothing written. */
export class DataError extends Error {
  override name = 'DataError';
  readonly issues: DataIssue[];

  constructor(issues: DataIssue[] | DataIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatDataIssue).join('\n'));
    this.issues = list;
  }
}
