/**
 * describe.json text: 2-space indent, trailing newline, full precision. A
 * non-finite number would print as null and read as "suppressed", so it
 * stops the write instead (as for results.json).
 */
import { assertFiniteNumbers } from '../report/resultsJson.js';
import type { DescribeResult } from './types.js';

export function describeJson(result: DescribeResult): string {
  assertFiniteNumbers(result, 'describe');
  return JSON.stringify(result, null, 2) + '\n';
}
