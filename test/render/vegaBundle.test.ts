/**
 * The command bundle's copy of Vega and Vega-Lite (dist/cli-bundle/vega.cjs,
 * made by scripts/bundle.js, which npm test runs first) and the code cache
 * the build writes beside it: the chart threads load these instead of the
 * packages, so they must be the packages' code and draw the same bytes.
 */
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCacheData, runCommonJsFile } from '../../src/files/commonJsScript.js';
import { effectOverTimeSpec } from '../../src/render/effectOverTimeSpec.js';
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { renderSvg } from '../../src/render/renderSvg.js';
import { VEGA_BUNDLE_FILE, VEGA_CODE_CACHE_FILE, type VegaModules } from '../../src/render/vegaModules.js';
import { ROOT } from '../sharedPaths.js';
import { sampleResults, withInference } from './sampleResults.js';

const bundle = join(ROOT, 'dist', 'cli-bundle');
const require = createRequire(import.meta.url);

describe('the bundled Vega (dist/cli-bundle/vega.cjs)', () => {
  const cache = readCacheData(join(bundle, VEGA_CODE_CACHE_FILE));
  const loaded = runCommonJsFile(join(bundle, VEGA_BUNDLE_FILE), cache);
  const bundled = loaded.exports as VegaModules;
  const packages: VegaModules = { vega: require('vega') as VegaModules['vega'], vegaLite: require('vega-lite') as VegaModules['vegaLite'] };

  it('comes with a code cache that V8 takes', () => {
    expect(cache).toBeDefined();
    expect(loaded.cacheRejected).toBe(false);
  });

  it('is the installed versions of vega and vega-lite, loaded apart from them', () => {
    expect(bundled.vega.version).toBe(packages.vega.version);
    expect(bundled.vegaLite.version).toBe(packages.vegaLite.version);
    expect(bundled.vega).not.toBe(packages.vega);
  });

  it('draws the same SVG as the packages', async () => {
    const results = withInference(sampleResults());
    for (const spec of [figure1Spec(results), effectOverTimeSpec(results)!]) expect(await renderSvg(spec, { modules: bundled })).toBe(await renderSvg(spec, { modules: packages }));
  });
});
