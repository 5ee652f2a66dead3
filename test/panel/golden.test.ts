import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { buildPanel, MISSING } from '../../src/panel/buildPanel.js';
import { readParticipants } from '../../src/read/participants.js';
import { readSpells } from '../../src/read/spells.js';
import { SHARED } from '../sharedPaths.js';

const GOLDEN = join(SHARED, 'golden', 'monthly-windows');
const CASE = /^expected-(end|any|majority)(?:-extract-(\d{4}-\d{2}-\d{2}))?\.csv$/;

const cases = readdirSync(GOLDEN).filter((f) => f.startsWith('expected-'));

describe('monthly panel matches the independent golden cases', () => {
  it('finds every golden file this test knows how to read', () => {
    expect(cases.length).toBe(6);
    for (const f of cases) expect(f).toMatch(CASE);
  });

  for (const file of cases) {
    it(file, async () => {
      const [, rule, extractDate] = CASE.exec(file)!;
      const config = resolveConfig({ preMonths: 2, followUpMonths: 15, rule, extractDate });
      const { participants } = await readParticipants(join(GOLDEN, 'participants.csv'), config);
      const spells = await readSpells(join(GOLDEN, 'spells.csv'), participants, undefined);
      expect(spells.unmatched).toBe(1); // G99 is not a participant
      const panel = buildPanel(participants, spells, config);

      const lines = readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n');
      expect(lines[0]).toBe('person_id,outcome,month,value');
      const T = panel.months.length;
      const O = panel.outcomes.length;
      const expected = lines.slice(1);
      expect(expected.length).toBe(participants.count * O * T);
      const mismatches: string[] = [];
      for (const line of expected) {
        const [id, outcome, monthText, value] = line.split(',');
        const p = participants.indexOf.get(id)!;
        const o = panel.outcomes.indexOf(outcome);
        const t = panel.months.indexOf(Number(monthText));
        expect(p).toBeGreaterThanOrEqual(0);
        expect(o).toBeGreaterThanOrEqual(0);
        expect(t).toBeGreaterThanOrEqual(0);
        const got = panel.values[(p * O + o) * T + t];
        const gotText = got === MISSING ? '' : String(got);
        if (gotText !== value) mismatches.push(`${line} (got ${gotText === '' ? 'missing' : gotText})`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
