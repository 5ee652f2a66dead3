import { describe, expect, it } from 'vitest';
import { buildPanel, MISSING } from '../../src/panel/buildPanel.js';
import { spellTypeIndex, STATUS_NAMES } from '../../src/panel/spellTypes.js';
import { OPEN_END } from '../../src/read/spells.js';
import { parseDay } from '../../src/time/days.js';

const d = (iso: string) => parseDay(iso)!;

function panelFor(spells: [person: number, start: string, end: string | null, type: string][], extractDate: string | null, rule: 'end' | 'any' | 'majority' = 'end') {
  return buildPanel(
    { count: 2, randomizedOn: Int32Array.from([d('2015-01-10'), d('2015-01-10')]) },
    {
      count: spells.length,
      person: Int32Array.from(spells.map((s) => s[0])),
      start: Int32Array.from(spells.map((s) => d(s[1]))),
      end: Int32Array.from(spells.map((s) => (s[2] === null ? OPEN_END : d(s[2])))),
      type: Uint8Array.from(spells.map((s) => spellTypeIndex(s[3]))),
    },
    { outcomes: { work: ['work_unsubsidized', 'work_subsidized', 'education'] }, rule, preMonths: 0, followUpMonths: 4, extractDate },
  );
}

describe('exclusive status per person-month (data-contract §4 priority)', () => {
  it('takes the first type in priority order that holds, and none when nothing does', () => {
    // month windows: [01-10, 02-09], [02-10, 03-09], [03-10, 04-09], [04-10, 05-09]
    const panel = panelFor(
      [
        [0, '2015-01-01', '2015-03-09', 'education'],
        [0, '2015-02-15', '2015-03-09', 'work_subsidized'],
        [0, '2015-01-01', null, 'program'],
        [0, '2015-04-01', '2015-04-09', 'daily_activity'],
      ],
      null,
    );
    const status = Array.from(panel.status.subarray(0, 4), (s) => STATUS_NAMES[s]);
    expect(status).toEqual(['education', 'work_subsidized', 'program', 'program']);
    expect(Array.from(panel.status.subarray(4, 8), (s) => STATUS_NAMES[s])).toEqual(['none', 'none', 'none', 'none']);
  });

  it('marks months after the extract date as censored, in outcomes and status alike', () => {
    const panel = panelFor([[0, '2015-01-01', null, 'work_unsubsidized']], '2015-04-09');
    expect(Array.from(panel.values.subarray(0, 4))).toEqual([1, 1, 1, MISSING]);
    expect(panel.status[3]).toBe(MISSING);
    expect(Array.from(panel.censored)).toEqual([0, 0, 0, 2]);
  });
});
