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
  // The paths are spelled out only when there is an error to name: building
  // one per value costs more than the check itself.
  if (!allFinite(value)) findNonFinite(value, path);
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allFinite(value[i])) return false;
    return true;
  }
  for (const item of Object.values(value)) if (!allFinite(item)) return false;
  return true;
}

function findNonFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteNumberError(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNonFinite(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      findNonFinite(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
    }
  }
}
