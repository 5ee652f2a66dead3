/**
 * jStat, required rather than imported: it is CommonJS, and an ESM import
 * makes Node scan its source for export names first, which tripled its load
 * time (about 50 → 17 ms) on every thread that estimates (see
 * render/vegaModules.ts for the same reason with vega).
 */
import { createRequire } from 'node:module';
import type JStatDefault from 'jstat';

const require = createRequire(import.meta.url);

export const jStat = require('jstat') as typeof JStatDefault;
