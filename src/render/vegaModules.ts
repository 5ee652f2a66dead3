/**
 * Vega and Vega-Lite, loaded on first use: most commands never draw a chart,
 * and the two take a good part of a second to load.
 *
 * From dist/ they are required, not imported. Their Node builds are
 * CommonJS, and an ESM `import` of CommonJS makes Node scan the source for
 * export names (cjs-module-lexer) — for these 2 MB of code that scan costs
 * twice the loading itself. `require` shares Node's module cache with
 * `import`, so a program that also imports vega gets the same instance.
 *
 * The command's bundle (scripts/bundle.js) carries both as one CommonJS
 * file, `vega.cjs`, with V8's code cache of a run that rendered the
 * report's charts (`vega.cjs.cache`): a chart thread then loads them in
 * about half the time, and its first charts are rendered from compiled
 * code. Nothing else in the command uses vega, so there is no second
 * instance to keep in step with.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { readCacheData, runCommonJsFile } from '../files/commonJsScript.js';

declare const EFFEKT_BUNDLED: boolean | undefined;

export interface VegaModules {
  vega: typeof Vega;
  vegaLite: typeof VegaLite;
}

/** Beside the bundle's modules in dist/cli-bundle/. */
export const VEGA_BUNDLE_FILE = 'vega.cjs';
export const VEGA_CODE_CACHE_FILE = 'vega.cjs.cache';

const require = createRequire(import.meta.url);
let loaded: VegaModules | undefined;

export function vegaModules(): VegaModules {
  loaded ??= (typeof EFFEKT_BUNDLED !== 'undefined' && EFFEKT_BUNDLED === true ? bundledVega() : undefined) ?? {
    vega: require('vega') as typeof Vega,
    vegaLite: require('vega-lite') as typeof VegaLite,
  };
  return loaded;
}

/** vega.cjs beside this module, or undefined where it is missing (a bundle built without it). */
function bundledVega(): VegaModules | undefined {
  const file = fileURLToPath(new URL(`./${VEGA_BUNDLE_FILE}`, import.meta.url));
  const cache = readCacheData(fileURLToPath(new URL(`./${VEGA_CODE_CACHE_FILE}`, import.meta.url)));
  let script;
  try {
    script = runCommonJsFile(file, cache);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return script.exports as VegaModules;
}
