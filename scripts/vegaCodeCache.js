#!/usr/bin/env node
// Run by scripts/bundle.js in a process of its own: loads the bundle's
// vega.cjs, renders the report's charts with it (the specs committed under
// reports/ae-trial/charts/, when there) and writes V8's code cache of the
// file as compiled by then to vega.cjs.cache (src/render/vegaModules.ts).
// Rendering first puts the code that draws charts into the cache, not only
// what runs as the file loads.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = join(root, 'dist', 'cli-bundle');
const { runCommonJsFile } = await import(pathToFileURL(join(root, 'dist', 'files', 'commonJsScript.js')).href);
const { VEGA_BUNDLE_FILE, VEGA_CODE_CACHE_FILE } = await import(pathToFileURL(join(root, 'dist', 'render', 'vegaModules.js')).href);
const { renderSvg } = await import(pathToFileURL(join(root, 'dist', 'render', 'renderSvg.js')).href);

const script = runCommonJsFile(join(bundleDir, VEGA_BUNDLE_FILE));
const specDir = join(root, 'reports', 'ae-trial', 'charts');
const specFiles = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.vl.json')).sort() : [];
for (const file of specFiles) await renderSvg(JSON.parse(readFileSync(join(specDir, file), 'utf8')), { modules: script.exports });
const target = join(bundleDir, VEGA_CODE_CACHE_FILE);
writeFileSync(`${target}.partial`, script.cacheData());
renameSync(`${target}.partial`, target);
