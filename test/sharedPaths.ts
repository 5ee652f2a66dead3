import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `../shared` beside the repository (as CI lays it out), overridable with
 * EFFEKT_SHARED for other layouts.
 */
export const SHARED = process.env.EFFEKT_SHARED ?? resolve(ROOT, '..', 'shared');

if (!existsSync(SHARED)) {
  throw new Error(`the shared contract folder is missing: expected ${SHARED} (set EFFEKT_SHARED to its path)`);
}
