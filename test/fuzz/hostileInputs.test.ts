/**
 * Attacked on purpose: malformed and hostile extracts, generated from seeds
 * (the seed is in every test name and message; a failure reproduces with
 * validExtract(seed, …) / corrupt(…, seed)). Whatever comes in, a run ends
 * in a report that is safe (no formula cell, no markup, no person_id, no
 * small cell) or in a data or usage error, never in an internal fault.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/random/stream.js';
import { escapeHtml } from '../../src/report/escape.js';
import { analyse, describeOutcome, type Outcome } from './analyse.js';
import { corrupt, CORRUPTIONS, FORMULA_LABELS, MARKUP_LABELS, validExtract, type Corruption, type Extract, type LabelChoice } from './hostileExtract.js';
import { disclosureProblems, outputProblems } from './outputChecks.js';

function expectSafe(outcome: Outcome, extract: Extract, label: string): void {
  if (outcome.kind !== 'ok') {
    // Error messages reach the terminal and logs: they name the line, never the person.
    for (const id of extract.ids) expect(outcome.message.includes(id), `${label}: message names ${id}`).toBe(false);
    return;
  }
  expect(outputProblems(outcome.outputs, extract.ids), label).toEqual([]);
  expect(disclosureProblems(outcome.results), label).toEqual([]);
}

describe('hostile labels in valid extracts: the run succeeds and every output is safe', () => {
  const choices: [string, LabelChoice][] = [
    ['formula-injection arm names', { arms: 'formula' }],
    ['script and markup arm names', { arms: 'markup' }],
    ['arm names with commas, quotes, line breaks', { arms: 'awkward' }],
    ['formula-injection municipalities as subgroup levels', { municipalities: 'formula' }],
    ['markup municipalities as subgroup levels', { municipalities: 'markup' }],
    ['formula-injection outcome names', { outcomeNames: 'formula' }],
    ['markup outcome names', { outcomeNames: 'markup' }],
    ['formula-injection source codes', { codes: 'formula' }],
  ];
  for (const [name, choice] of choices) {
    for (const seed of [1, 2]) {
      it(`${name} (seed ${seed})`, async () => {
        const extract = validExtract(seed, choice);
        const outcome = await analyse(extract.files);
        const label = `${name}, seed ${seed}: ${describeOutcome(outcome)}`;
        expect(outcome.kind, label).toBe('ok');
        expectSafe(outcome, extract, label);
        if (outcome.kind !== 'ok') return;
        const html = outcome.outputs.get('report.html') as string;
        const shares = outcome.outputs.get('tables/shares.csv') as string;
        for (const arm of extract.arms) {
          // The label is there, as text: escaped in HTML, neutralised in CSV.
          expect(html, label).toContain(escapeHtml(arm.replace(/\s+/g, ' ')).split(' ')[0]);
          if (FORMULA_LABELS.includes(arm) && !/^\s/.test(arm)) expect(shares, label).toContain(`'${arm.trim()[0]}`);
          if (MARKUP_LABELS.includes(arm)) expect(html, label).not.toContain(arm.includes('<') ? arm : '\u0000');
        }
      });
    }
  }
});

describe('corrupted files: a data error (nothing written) or a safe report, never an internal fault', () => {
  const files = ['participants.csv', 'spells.csv', 'costs.csv'];
  const corruptions = Object.keys(CORRUPTIONS) as Corruption[];
  // Corruptions that leave no readable participants file must stop the run.
  const mustFail: Partial<Record<Corruption, string[]>> = {
    randomBytes: ['participants.csv'],
    utf16le: ['participants.csv', 'spells.csv'],
    utf16be: ['participants.csv', 'spells.csv'],
    duplicateHeader: ['participants.csv', 'spells.csv'],
    missingColumn: ['participants.csv', 'spells.csv'],
    emptyFile: ['participants.csv', 'spells.csv'],
    duplicateRow: ['participants.csv'],
    nulBytes: [],
  };
  for (const corruption of corruptions) {
    for (const file of files) {
      const seed = 1 + corruptions.indexOf(corruption) * 10 + files.indexOf(file);
      it(`${corruption} in ${file} (seed ${seed})`, async () => {
        const base = validExtract(seed);
        if (!(file in base.files)) base.files[file] = validExtract(seed + 1000).files['costs.csv'] ?? Buffer.from('person_id,cost\n');
        const extract = corrupt(base, file, corruption, seed);
        const outcome = await analyse(extract.files);
        const label = `${corruption} in ${file}, seed ${seed}: ${describeOutcome(outcome)}`;
        expect(['ok', 'data'], label).toContain(outcome.kind);
        if (mustFail[corruption]?.includes(file)) expect(outcome.kind, label).toBe('data');
        if (outcome.kind === 'data') {
          // Data errors are listed one per line, at most 20 and a count.
          expect(outcome.message.split('\n').length, label).toBeLessThanOrEqual(21);
        }
        expectSafe(outcome, extract, label);
      });
    }
  }
});

describe('hostile configurations: a usage error', () => {
  const cases: [string, (config: Record<string, unknown>) => unknown][] = [
    ['not JSON', () => '{ "arms": ['],
    ['an unknown key', (c) => ({ ...c, armz: ['FS'] })],
    ['the same arm twice', (c) => ({ ...c, arms: ['FS', 'FS'] })],
    ['an arm that is not text', (c) => ({ ...c, arms: [{ toString: 1 }, 'SE'] })],
    ['an outcome of unknown spell types', (c) => ({ ...c, outcomes: { '<script>': ['=cmd'] } })],
    ['minCellSize 0', (c) => ({ ...c, minCellSize: 0 })],
    ['a prototype key', () => '{ "__proto__": { "minCellSize": 0 }, "arms": ["FS", "SE", "CM"] }'],
  ];
  for (const [name, change] of cases) {
    it(name, async () => {
      const extract = validExtract(3);
      const config = JSON.parse(extract.files['eval.config.json'].toString('utf8'));
      const changed = change(config);
      extract.files['eval.config.json'] = Buffer.from(typeof changed === 'string' ? changed : JSON.stringify(changed));
      const outcome = await analyse(extract.files);
      expect(outcome.kind, `${name}: ${describeOutcome(outcome)}`).toBe('usage');
    });
  }
});

describe('random mixes of hostile labels and corruptions (seeded)', () => {
  // FUZZ_FIRST=<seed> FUZZ_CASES=1 re-runs one failing seed; a larger
  // FUZZ_CASES searches wider (CI keeps the default, well under a minute).
  const FIRST_SEED = Number(process.env.FUZZ_FIRST ?? 1000);
  const CASES = Number(process.env.FUZZ_CASES ?? 40);
  const kinds = Object.keys(CORRUPTIONS).filter((k) => k !== 'hugeField') as Corruption[];
  for (let seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
    it(`seed ${seed}`, async () => {
      const rng = new RandomStream(seed, 303);
      const choice: LabelChoice = {
        arms: pick(rng, ['plain', 'formula', 'markup', 'awkward'] as const),
        municipalities: pick(rng, ['plain', 'formula', 'markup'] as const),
        outcomeNames: pick(rng, ['plain', 'formula', 'markup'] as const),
        codes: pick(rng, ['none', 'plain', 'formula'] as const),
      };
      let extract = validExtract(seed, choice);
      const broken = rng.nextFloat() < 0.5 ? { file: pick(rng, Object.keys(extract.files).filter((f) => f.endsWith('.csv'))), corruption: pick(rng, kinds) } : undefined;
      if (broken) extract = corrupt(extract, broken.file, broken.corruption, seed);
      const outcome = await analyse(extract.files);
      const label = `seed ${seed} (${JSON.stringify(choice)}${broken ? `, ${broken.corruption} in ${broken.file}` : ''}): ${describeOutcome(outcome)}`;
      expect(['ok', 'data'], label).toContain(outcome.kind);
      if (!broken) expect(outcome.kind, label).toBe('ok');
      expectSafe(outcome, extract, label);
    });
  }
});

function pick<T>(rng: RandomStream, items: readonly T[]): T {
  return items[rng.nextInt(items.length)];
}
