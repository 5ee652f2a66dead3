#!/usr/bin/env node
// Regenerates the comparison populations in fixtures/populations/ (compared
// with fixtures/ae-trial/participants.csv by `eval describe`). Synthetic: no
// real person is in them. From the repository root:
//
//   npm run build && node scripts/make-populations.js
//
// Sizes, seeds and Table A-1 shares are FIXTURE_POPULATIONS in
// src/simulate/comparisonPopulation.ts; test/describe checks the files
// against them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { FIXTURE_POPULATIONS, simulateComparisonPopulation, comparisonPopulationCsv } = await import('../dist/simulate/comparisonPopulation.js');

const dir = join(root, 'fixtures', 'populations');
mkdirSync(dir, { recursive: true });
for (const { file, options } of FIXTURE_POPULATIONS) {
  writeFileSync(join(dir, file), comparisonPopulationCsv(simulateComparisonPopulation(options)));
  process.stderr.write(`wrote fixtures/populations/${file} (${options.n} persons)\n`);
}
