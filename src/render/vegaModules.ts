/**
 * Vega and Vega-Lite, loaded on first use: most commands never draw a chart,
 * and the two take a good part of a second to load.
 *
 * They are required, not imported. Their Node builds are CommonJS, and an
 * ESM `import` of CommonJS makes Node scan the source for export names
 * (cjs-module-lexer) — for these 2 MB of code that scan costs twice the
 * loading itself. `require` shares Node's module cache with `import`, so a
 * program that also imports vega gets the same instance.
 */
import { createRequire } from 'node:module';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

export interface VegaModules {
  vega: typeof Vega;
  vegaLite: typeof VegaLite;
}

const require = createRequire(import.meta.url);
let loaded: VegaModules | undefined;

export function vegaModules(): VegaModules {
  loaded ??= { vega: require('vega') as typeof Vega, vegaLite: require('vega-lite') as typeof VegaLite };
  return loaded;
}
