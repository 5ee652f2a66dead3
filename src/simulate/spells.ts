/**
 * Day-level register spells for every person, built from the monthly work
 * process and a few day-level processes around it:
 *
 * - work, education (from the monthly chain): an episode that holds at the
 *   end of months k1 … k2 starts on a day inside window k1 and ends on a day
 *   from the end of window k2 up to the day before the end of window k2 + 1,
 *   so status at each window end is exactly the chain's; long episodes are
 *   sometimes two back-to-back spells (a contract renewed under another code);
 * - registration at the employment service from some time before
 *   randomization until an occasional drop-out: programme and open
 *   unemployment spells fill the time not in work, with a few short holes,
 *   and sometimes run a few days into a new job (overlap);
 * - after a drop-out, sometimes a spell of sick leave or other;
 * - LSS daily activity for persons with that experience: begun years before
 *   randomization, stopped before it, during follow-up, or still going, and
 *   sometimes interrupted; it runs alongside employment-service spells.
 *
 * Everything after the extract date is cut off; spells running at it are
 * written open-ended.
 */
import { RandomStream } from '../random/stream.js';
import type { Day } from '../time/days.js';
import {
  DAILY_ACTIVITY_CODES, OTHER_CODES, PROGRAM_CODES, UNEMPLOYED_CODES, WORK_CODE_CHOICES, pickCode,
} from './codes.js';
import type { TrialDesign } from './design.js';
import { PersonSpellBuffer } from './personSpells.js';
import type { SimulatedParticipants } from './population.js';
import { NOT_IN_WORK, WorkProcess } from './process.js';
import { bernoulli, durationDays, purposeSeed, uniform, uniformInt } from './sampling.js';
import { OPEN_END, SpellColumnsBuilder, type SimulatedSpells } from './spellColumns.js';
import { fillWindowEnds, lastMonthNeeded } from './windows.js';
import { PRE_MONTHS } from './workCurves.js';

const SPELLS_PURPOSE = 3;

// Work spells.
const RENEWAL_PROBABILITY = 0.2;
const MIN_DAYS_BEFORE_RENEWAL = 20;
const MEAN_DAYS_IN_WORK_BEFORE_HISTORY = 240;

// Employment-service registration.
const RECENTLY_REGISTERED = 0.35;
const RECENT_REGISTRATION_MAX_DAYS = 30;
const EARLIEST_REGISTRATION_DAYS = 720;
const MIN_DAYS_REGISTERED_AFTER_RANDOMIZATION = 30;
const MEAN_DAYS_TO_DROP_OUT = 4000; // about 10 % leave within 15 months
const PROGRAMME_SHARE = 0.6;
const SWITCH_ACTIVITY = 0.8;
const MIN_ACTIVITY_DAYS = 30;
const MEAN_EXTRA_ACTIVITY_DAYS = 150;
const HOLE_PROBABILITY = 0.08;
const MAX_HOLE_DAYS = 20;
const OVERLAP_INTO_WORK_PROBABILITY = 0.15;
const MAX_OVERLAP_DAYS = 20;
const OTHER_AFTER_DROP_OUT = 0.5;

// LSS daily activity.
const DAILY_ACTIVITY_EARLIEST_DAYS = 2500;
const DAILY_ACTIVITY_LATEST_DAYS = 90;
const DAILY_ACTIVITY_STOPPED_BEFORE = 0.25;
const DAILY_ACTIVITY_STOPPED_DURING = 0.25;
const FOLLOW_UP_DAYS = 456;
const DAILY_ACTIVITY_INTERRUPTED = 0.2;

/** Spells of all persons; `multipliers` from workMultipliers. */
export function simulateSpells(design: TrialDesign, p: SimulatedParticipants, multipliers: Float64Array): SimulatedSpells {
  const extractDate = design.extractDate;
  // The earliest randomization needs the most months (window ends grow with r).
  const lastMonthMax = lastMonthNeeded(design.recruitmentStart, extractDate);
  const process = new WorkProcess(lastMonthMax);
  const windowEnds = new Int32Array(lastMonthMax + PRE_MONTHS + 2);
  const states = new Int8Array(lastMonthMax + PRE_MONTHS + 1);
  const columns = new SpellColumnsBuilder(p.count * 7.5);
  const buffer = new PersonSpellBuffer(extractDate, columns);
  const episodes = new EpisodeList();
  const rng = new RandomStream(0);
  const seed = purposeSeed(design.seed, SPELLS_PURPOSE);

  for (let i = 0; i < p.count; i++) {
    rng.reseed(seed, i);
    const r = p.randomizedOn[i];
    // windowEnds[k + PRE_MONTHS + 1] = windowEnd(k), k = −PRE_MONTHS − 1 … lastMonth.
    const lastMonth = fillWindowEnds(r, -PRE_MONTHS - 1, extractDate, windowEnds);
    process.simulate(p.arm[i], p.female[i], multipliers[i], lastMonth, rng, states);
    workSpells(states, windowEnds, lastMonth, extractDate, rng, buffer, episodes);
    registrationSpells(r, extractDate, episodes, rng, buffer);
    if (p.lssDailyActivity[i]) dailyActivitySpells(r, extractDate, rng, buffer);
    buffer.flush(i);
  }
  return columns.finish();
}

/** A person's work episodes in time order (start, end with OPEN_END), to fill the time between with registration. */
class EpisodeList {
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);

  clear(): void {
    this.count = 0;
  }

  add(start: Day, end: Day): void {
    if (this.count === this.start.length) {
      const grownStart = new Int32Array(this.count * 2);
      const grownEnd = new Int32Array(this.count * 2);
      grownStart.set(this.start);
      grownEnd.set(this.end);
      this.start = grownStart;
      this.end = grownEnd;
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }
}

function workSpells(
  states: Int8Array,
  windowEnds: Int32Array,
  lastMonth: number,
  extractDate: Day,
  rng: RandomStream,
  buffer: PersonSpellBuffer,
  episodes: EpisodeList,
): void {
  const windowEnd = (k: number) => windowEnds[k + PRE_MONTHS + 1];
  const months = lastMonth + PRE_MONTHS + 1;
  episodes.clear();
  let t = 0;
  while (t < months) {
    const type = states[t];
    if (type === NOT_IN_WORK) {
      t++;
      continue;
    }
    const first = t - PRE_MONTHS;
    while (t + 1 < months && states[t + 1] === type) t++;
    const last = t - PRE_MONTHS;
    t++;

    const start =
      first === -PRE_MONTHS
        ? windowEnd(first) - durationDays(rng, 0, MEAN_DAYS_IN_WORK_BEFORE_HISTORY)
        : uniformInt(rng, windowEnd(first - 1) + 1, windowEnd(first));
    const end = last === lastMonth ? OPEN_END : uniformInt(rng, windowEnd(last), windowEnd(last + 1) - 1);
    episodes.add(start, end);

    const choice = WORK_CODE_CHOICES[type];
    const lastDay = Math.min(end, extractDate);
    if (lastDay - start >= 3 * MIN_DAYS_BEFORE_RENEWAL && bernoulli(rng, RENEWAL_PROBABILITY)) {
      const cut = uniformInt(rng, start + MIN_DAYS_BEFORE_RENEWAL, lastDay - MIN_DAYS_BEFORE_RENEWAL);
      buffer.add(start, cut, pickCode(choice, uniform(rng)));
      buffer.add(cut + 1, end, pickCode(choice, uniform(rng)));
    } else {
      buffer.add(start, end, pickCode(choice, uniform(rng)));
    }
  }
}

function registrationSpells(r: Day, extractDate: Day, episodes: EpisodeList, rng: RandomStream, buffer: PersonSpellBuffer): void {
  const registeredFrom = bernoulli(rng, RECENTLY_REGISTERED)
    ? r - uniformInt(rng, 0, RECENT_REGISTRATION_MAX_DAYS)
    : r - uniformInt(rng, RECENT_REGISTRATION_MAX_DAYS + 1, EARLIEST_REGISTRATION_DAYS);
  const dropOut = r + durationDays(rng, MIN_DAYS_REGISTERED_AFTER_RANDOMIZATION, MEAN_DAYS_TO_DROP_OUT);
  const registeredTo = Math.min(dropOut, extractDate);

  let cursor = registeredFrom;
  for (let e = 0; e < episodes.count && cursor <= registeredTo; e++) {
    const workStart = episodes.start[e];
    if (workStart > cursor) {
      const gapEnd = Math.min(workStart - 1, registeredTo);
      activitySpells(cursor, gapEnd, rng, buffer);
      if (gapEnd === workStart - 1 && bernoulli(rng, OVERLAP_INTO_WORK_PROBABILITY)) {
        buffer.extendLast(uniformInt(rng, 1, MAX_OVERLAP_DAYS));
      }
    }
    const workEnd = episodes.end[e];
    cursor = workEnd === OPEN_END ? OPEN_END : Math.max(cursor, workEnd + 1);
  }
  if (cursor <= registeredTo) activitySpells(cursor, registeredTo, rng, buffer);

  if (dropOut < extractDate && bernoulli(rng, OTHER_AFTER_DROP_OUT)) {
    const start = dropOut + uniformInt(rng, 1, 30);
    buffer.add(start, start + durationDays(rng, 30, 200), pickCode(OTHER_CODES, uniform(rng)));
  }
}

/**
 * Programme and open-unemployment spells covering [from, to], with a few
 * short holes; mostly alternating, since a programme usually ends in open
 * unemployment and the next programme starts from there.
 */
function activitySpells(from: Day, to: Day, rng: RandomStream, buffer: PersonSpellBuffer): void {
  let start = from;
  let programme = bernoulli(rng, PROGRAMME_SHARE);
  while (start <= to) {
    const end = Math.min(to, start + durationDays(rng, MIN_ACTIVITY_DAYS, MEAN_EXTRA_ACTIVITY_DAYS) - 1);
    buffer.add(start, end, pickCode(programme ? PROGRAM_CODES : UNEMPLOYED_CODES, uniform(rng)));
    if (bernoulli(rng, SWITCH_ACTIVITY)) programme = !programme;
    start = end + 1;
    if (start <= to && bernoulli(rng, HOLE_PROBABILITY)) start += uniformInt(rng, 1, MAX_HOLE_DAYS);
  }
}

function dailyActivitySpells(r: Day, extractDate: Day, rng: RandomStream, buffer: PersonSpellBuffer): void {
  const start = r - uniformInt(rng, DAILY_ACTIVITY_LATEST_DAYS, DAILY_ACTIVITY_EARLIEST_DAYS);
  const u = uniform(rng);
  let end: Day;
  if (u < DAILY_ACTIVITY_STOPPED_BEFORE) end = uniformInt(rng, start + 30, r - 1);
  else if (u < DAILY_ACTIVITY_STOPPED_BEFORE + DAILY_ACTIVITY_STOPPED_DURING) end = uniformInt(rng, r, r + FOLLOW_UP_DAYS);
  else end = OPEN_END;

  const code = DAILY_ACTIVITY_CODES.codes[0];
  const lastDay = Math.min(end, extractDate);
  if (lastDay - start > 240 && bernoulli(rng, DAILY_ACTIVITY_INTERRUPTED)) {
    // A break of two weeks to three months, e.g. between two placements.
    const breakStart = uniformInt(rng, start + 60, lastDay - 150);
    const resume = breakStart + uniformInt(rng, 14, 90);
    buffer.add(start, breakStart - 1, code);
    buffer.add(resume, end, code);
  } else {
    buffer.add(start, end, code);
  }
}
