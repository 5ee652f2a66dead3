/**
 * The month-by-month outcome panel (data-contract §3–5): for every person,
 * outcome and month a 0, 1 or MISSING (censored), and every person-month's
 * exclusive status. Stored as flat typed arrays: a million persons take about
 * a hundred megabytes, never millions of objects.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Participants } from '../read/participants.js';
import { OPEN_END, type Spells } from '../read/spells.js';
import { parseDay } from '../time/days.js';
import { evaluateRule, RULE_CODES } from './rules.js';
import { SPELL_TYPES, STATUS_NONE, spellTypeIndex } from './spellTypes.js';
import { fillWindows, monthLabels } from './windows.js';

/** A censored person-month (data-contract §5). */
export const MISSING = 255;

export interface Panel {
  persons: number;
  outcomes: string[];
  /** Month labels: −P … −1, 1 … M. */
  months: Int32Array;
  /** values[(person * outcomes + o) * months + t]: 0, 1 or MISSING. */
  values: Uint8Array;
  /** status[person * months + t]: index into STATUS_NAMES, or MISSING. */
  status: Uint8Array;
  /** Persons censored in each month. */
  censored: Int32Array;
}

export interface PanelPlan {
  outcomes: Record<string, readonly string[]>;
  rule: ResolvedConfig['rule'];
  preMonths: number;
  followUpMonths: number;
  /** ISO date or null. */
  extractDate: string | null;
}

/** One bit per canonical type in an outcome. */
export function outcomeTypeMask(types: readonly string[]): number {
  let mask = 0;
  for (const t of types) mask |= 1 << spellTypeIndex(t);
  return mask;
}

export function buildPanel(participants: Pick<Participants, 'count' | 'randomizedOn'>, spells: Pick<Spells, 'count' | 'person' | 'start' | 'end' | 'type'>, plan: PanelPlan): Panel {
  const persons = participants.count;
  const outcomeNames = Object.keys(plan.outcomes);
  const outcomeMasks = outcomeNames.map((name) => outcomeTypeMask(plan.outcomes[name]));
  const months = monthLabels(plan.preMonths, plan.followUpMonths);
  const T = months.length;
  const O = outcomeNames.length;
  const rule = RULE_CODES[plan.rule];
  const extractDay = plan.extractDate === null ? OPEN_END : parseDay(plan.extractDate)!;

  const values = new Uint8Array(persons * O * T);
  const status = new Uint8Array(persons * T);
  const censored = new Int32Array(T);
  const { offsets, order } = spellsByPerson(persons, spells);

  const starts = new Int32Array(T);
  const ends = new Int32Array(T);
  const observed = new Uint8Array(T);
  const evaluated = new Uint8Array(T);
  let mergedFrom: Int32Array = new Int32Array(64);
  let mergedTo: Int32Array = new Int32Array(64);

  // Qualifying days of the types in `mask` as merged intervals, from the
  // person's spells sorted by start. Open spells run through the extract date.
  const mergeSpells = (first: number, last: number, mask: number): number => {
    let n = 0;
    for (let k = first; k < last; k++) {
      const s = order[k];
      if (((1 << spells.type[s]) & mask) === 0) continue;
      const from = spells.start[s];
      const to = spells.end[s] === OPEN_END ? extractDay : spells.end[s];
      if (to < from) continue;
      if (n > 0 && from <= mergedTo[n - 1] + 1) {
        if (to > mergedTo[n - 1]) mergedTo[n - 1] = to;
      } else {
        if (n === mergedFrom.length) {
          mergedFrom = grow(mergedFrom);
          mergedTo = grow(mergedTo);
        }
        mergedFrom[n] = from;
        mergedTo[n] = to;
        n++;
      }
    }
    return n;
  };

  // Persons randomized on the same day share their windows: a trial
  // randomizes on a few hundred days, so they are computed once per day.
  const windowsOfDay = new Map<number, { starts: Int32Array; ends: Int32Array }>();
  for (let p = 0; p < persons; p++) {
    const day = participants.randomizedOn[p];
    let windows = windowsOfDay.get(day);
    if (windows === undefined) {
      windows = { starts: new Int32Array(T), ends: new Int32Array(T) };
      fillWindows(day, months, windows.starts, windows.ends);
      windowsOfDay.set(day, windows);
    }
    starts.set(windows.starts);
    ends.set(windows.ends);
    for (let t = 0; t < T; t++) {
      observed[t] = ends[t] <= extractDay ? 1 : 0;
      if (!observed[t]) censored[t]++;
    }
    const first = offsets[p];
    const last = offsets[p + 1];
    // The types among the person's spells: an outcome or status none of them
    // qualifies for is 0 wherever observed, without merging anything.
    let typesHeld = 0;
    for (let k = first; k < last; k++) typesHeld |= 1 << spells.type[order[k]];
    for (let o = 0; o < O; o++) {
      const base = (p * O + o) * T;
      if ((typesHeld & outcomeMasks[o]) === 0) {
        for (let t = 0; t < T; t++) values[base + t] = observed[t] ? 0 : MISSING;
        continue;
      }
      const intervals = mergeSpells(first, last, outcomeMasks[o]);
      evaluateRule(rule, mergedFrom, mergedTo, intervals, starts, ends, T, evaluated);
      for (let t = 0; t < T; t++) values[base + t] = observed[t] ? evaluated[t] : MISSING;
    }
    const statusBase = p * T;
    for (let t = 0; t < T; t++) status[statusBase + t] = observed[t] ? STATUS_NONE : MISSING;
    if (typesHeld === 0) continue;
    // Lowest-priority type first, so the highest-priority type that holds is written last.
    for (let type = SPELL_TYPES.length - 1; type >= 0; type--) {
      if ((typesHeld & (1 << type)) === 0) continue;
      const intervals = mergeSpells(first, last, 1 << type);
      if (intervals === 0) continue;
      evaluateRule(rule, mergedFrom, mergedTo, intervals, starts, ends, T, evaluated);
      for (let t = 0; t < T; t++) if (evaluated[t] && observed[t]) status[statusBase + t] = type;
    }
  }
  return { persons, outcomes: outcomeNames, months, values, status, censored };
}

/** Spell indices grouped by person (CSR), each person's spells sorted by start. */
export function spellsByPerson(persons: number, spells: Pick<Spells, 'count' | 'person' | 'start'>): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(persons + 1);
  for (let s = 0; s < spells.count; s++) offsets[spells.person[s] + 1]++;
  for (let p = 0; p < persons; p++) offsets[p + 1] += offsets[p];
  const cursor = offsets.slice(0, persons);
  const order = new Int32Array(spells.count);
  for (let s = 0; s < spells.count; s++) order[cursor[spells.person[s]]++] = s;
  const start = spells.start;
  for (let p = 0; p < persons; p++) {
    const from = offsets[p];
    const to = offsets[p + 1];
    if (to - from < 2) continue;
    if (to - from <= 32) {
      // Insertion sort: a person has a handful of spells.
      for (let i = from + 1; i < to; i++) {
        const s = order[i];
        let j = i - 1;
        while (j >= from && start[order[j]] > start[s]) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = s;
      }
    } else {
      order.subarray(from, to).sort((a, b) => start[a] - start[b]);
    }
  }
  return { offsets, order };
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
