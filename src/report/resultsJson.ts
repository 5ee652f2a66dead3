/**
 * results.json text. Numbers keep full double precision (rounding belongs to
 * tables and charts). JSON.stringify would silently write NaN and Infinity as
 * `null`, which reads as "suppressed"; a non-finite number is a bug upstream,
 * so it stops the write and names the field.
 */
import type { Results } from '../results.js';

export function resultsJson(results: Results): string {
  assertFiniteNumbers(results, 'results');
  return JSON.stringify(results, null, 2) + '\n';
}

export class NonFiniteNumberError extends Error {
  override name = 'NonFiniteNumberError';

  constructor(readonly path: string, readonly value: number) {
    super(`results.json: ${path} is ${value}; results must hold finite numbers (null with suppressed: true for a suppressed value)`);
  }
}

/** Throws NonFiniteNumberError at the first NaN or ±Infinity, with its path, e.g. `results.shares[3].ci_low`. */
export function assertFiniteNumbers(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteNumberError(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertFiniteNumbers(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assertFiniteNumbers(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
    }
  }
}
