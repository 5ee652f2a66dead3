/**
 * The bootstrap of the composition of work, month by month.
 *
 * A person's statuses over the months are nearly unique (at 100,000 persons
 * almost every (stratum, status history) is), so grouping persons by their
 * whole history, as the main bootstrap does (groupMultinomial.ts), would
 * leave one group per person. Every composition statistic, though, reads a
 * single month: the share of an arm in a status at month t. At month t the
 * persons of a stratum (arm × block) fall into at most ten groups, their
 * status then or censored, and resampling the stratum's n_h persons with
 * replacement gives those groups Mult(n_h; c_k / n_h) counts. Replicate b
 * draws them for every stratum and month by groupMultinomial's multinomial,
 * on stream (seed, b + 2·2³²), strata in the order arm · blockCount +
 * block, months in order, statuses by descending count: a cost per
 * replicate of months × strata × statuses, whatever the number of persons.
 *
 * Each share (and each difference of two arms' shares at one month) so has
 * exactly the person bootstrap's distribution. What is not kept is the joint
 * distribution across months, and with the main estimates: in a stratum of
 * more than PERSON_DRAWS_UP_TO persons a replicate's month-t and month-t'
 * draws are independent, not one resample, and the
 * replicates are not the main estimates' replicate b. Pointwise intervals
 * need no more; a sup-t band over months would, so the composition has none.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { STATUS_NAMES } from '../panel/spellTypes.js';
import { RandomStream, rejectionThreshold } from '../random/stream.js';
import { identity, multinomial, sizesLevel, STREAM_PURPOSE, type Level } from '../estimate/groupMultinomial.js';
import { allReplicates, type ReplicateClaims } from '../threads/replicateClaims.js';

const COMPOSITION_DRAWS = 2;
/**
 * A stratum this small is resampled person by person, whole histories at
 * once: n uniform draws, each adding the person's runs of months in one
 * status to difference arrays (a prefix sum per replicate turns them into
 * counts), cost less than a multinomial over the statuses of every month (a
 * trial's strata, e.g. the fixture's 75 of about 14 persons). Either way
 * each stratum's monthly counts have exactly the person bootstrap's
 * distribution.
 */
const PERSON_DRAWS_UP_TO = 64;
/**
 * A drawn person's changes are written into fixed slots, this many where
 * its runs begin and as many where they end before the last month, unused
 * slots pointing at spare cells; only a person of more runs has a rest
 * listed apart. A loop over each drawn person's own number of changes
 * mispredicted its exit at almost every draw and cost half as much again
 * (the fixture: 3 runs a person on average, 86 % with at most 4).
 */
const RUN_SLOTS = 4;
/** Per person: RUN_SLOTS beginnings, RUN_SLOTS ends, and where its rest is listed (0: none). */
const PERSON_SLOTS = 2 * RUN_SLOTS + 1;

export interface StatusDesign {
  panel: Pick<Panel, 'persons' | 'months' | 'status'>;
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  arms: number;
}

/** Persons observed (n) and in each status (events), in the share-cell layout of statuses × subgroup `all` × arms × months. */
export interface StatusCounts {
  /** n[a * T + t]. */
  n: Float64Array;
  /** events[(k * A + a) * T + t]. */
  events: Float64Array;
}

export function statusCounts(d: StatusDesign): StatusCounts {
  const T = d.panel.months.length;
  const A = d.arms;
  const n = new Float64Array(A * T);
  const events = new Float64Array(statusShareCells(A, T));
  for (let p = 0; p < d.panel.persons; p++) {
    const a = d.arm[p];
    for (let t = 0; t < T; t++) {
      const k = d.panel.status[p * T + t];
      if (k === MISSING) continue;
      n[a * T + t]++;
      events[(k * A + a) * T + t]++;
    }
  }
  return { n, events };
}

/** Composition replicates shared with another thread: who computes which, and where they go (statusShareCells × B numbers). */
export interface SharedStatusReplicates {
  claims: ReplicateClaims;
  shares: Float64Array;
}

/** Share cells of the composition: statuses × arms × months. */
export function statusShareCells(arms: number, months: number): number {
  return STATUS_NAMES.length * arms * months;
}

/**
 * Share replicates, shares[cell * B + b] with cells as StatusCounts.events;
 * NaN where a replicate has nobody observed. With `sharing`, only the
 * replicates its claims hand to this thread, into its shares.
 */
export function statusShareReplicates(d: StatusDesign, seed: number, B: number, sharing?: SharedStatusReplicates): Float64Array {
  const S = STATUS_NAMES.length;
  const K = S + 1; // the statuses, then censored
  const T = d.panel.months.length;
  const A = d.arms;
  const H = A * d.blockCount;
  const stratumOf = (p: number) => d.arm[p] * d.blockCount + d.block[p];

  // counts[(t * H + h) * K + k]; then, per (month, stratum), the categories a
  // person can be in, by descending count (ties by category): their sizes
  // (a level of groupMultinomial) and which category each is.
  const counts = new Int32Array(T * H * K);
  const stratumStart = new Int32Array(H + 1);
  for (let p = 0; p < d.panel.persons; p++) stratumStart[stratumOf(p) + 1]++;
  for (let h = 0; h < H; h++) stratumStart[h + 1] += stratumStart[h];
  const stratumPersons = new Int32Array(d.panel.persons);
  const cursor = stratumStart.slice(0, H);
  for (let p = 0; p < d.panel.persons; p++) stratumPersons[cursor[stratumOf(p)]++] = p;
  for (let p = 0; p < d.panel.persons; p++) {
    const h = stratumOf(p);
    for (let t = 0; t < T; t++) {
      const status = d.panel.status[p * T + t];
      counts[(t * H + h) * K + (status === MISSING ? S : status)]++;
    }
  }
  const offsets = new Int32Array(T * H + 1);
  const sizes: number[] = [];
  const category: number[] = [];
  for (let segment = 0; segment < T * H; segment++) {
    const present = Array.from({ length: K }, (_, k) => k).filter((k) => counts[segment * K + k] > 0);
    present.sort((x, y) => counts[segment * K + y] - counts[segment * K + x] || x - y);
    for (const k of present) {
      sizes.push(counts[segment * K + k]);
      category.push(k);
    }
    offsets[segment + 1] = sizes.length;
  }
  const { level, runs } = sizesLevel(Int32Array.from(sizes), offsets);
  const categoryOf = Int32Array.from(category);

  const cells = statusShareCells(A, T);
  const plan: DrawPlan = {
    S,
    A,
    T,
    blockCount: d.blockCount,
    stratumStart,
    threshold: Float64Array.from({ length: H }, (_, h) => rejectionThreshold(Math.max(1, stratumStart[h + 1] - stratumStart[h]))),
    level,
    offsets,
    runs,
    categoryOf,
    drawn: new Int32Array(sizes.length),
    byCategory: identity(sizes.length),
    persons: personChanges(d.panel.status as Uint8Array, stratumPersons, stratumStart, T, S, A, d.arm),
    picks: new Int32Array(PERSON_DRAWS_UP_TO),
  };
  const shares = sharing ? sharing.shares : new Float64Array(cells * B);
  const claims = sharing ? sharing.claims : allReplicates(B);
  // A replicate's events as changes from month to month, change[(k · A + a)
  // · T + t] = events at t − events at t − 1, then the spare cells.
  const change = new Int32Array(cells + 2 * RUN_SLOTS);
  const events = new Int32Array(cells);
  const observed = new Int32Array(A * T);
  const rng = new RandomStream(seed, 0);
  for (let b = claims.next(); b >= 0; b = claims.next()) {
    rng.reseed(seed, b + COMPOSITION_DRAWS * STREAM_PURPOSE);
    change.fill(0);
    drawChanges(plan, rng, change);
    writeReplicateShares(change, events, observed, S, A, T, shares, B, b);
    claims.done(b);
  }
  return shares;
}

/**
 * Replicate b's shares from its changes month to month: shares[cell · B +
 * b]. A function of its own so that V8 optimises it after a few
 * replicates, rather than by replacing statusShareReplicates on the stack.
 */
function writeReplicateShares(change: Int32Array, events: Int32Array, observed: Int32Array, S: number, A: number, T: number, shares: Float64Array, B: number, b: number): void {
  // Everyone observed is in exactly one status: n is the sum of events over statuses.
  observed.fill(0);
  for (let row = 0; row < S * A; row++) {
    const from = (row % A) * T;
    let running = 0;
    for (let t = 0; t < T; t++) {
      running += change[row * T + t];
      events[row * T + t] = running;
      observed[from + t] += running;
    }
  }
  // Written straight to each cell's row: buffering replicates to write
  // rows in runs, as bootstrapShares does, measured no faster for these
  // few hundred cells.
  for (let cell = 0, i = 0; cell < events.length; cell++, i = i + 1 === A * T ? 0 : i + 1) {
    shares[cell * B + b] = observed[i] > 0 ? events[cell] / observed[i] : NaN;
  }
}

/** What a replicate's draws need, and their scratch. */
interface DrawPlan {
  S: number;
  A: number;
  T: number;
  blockCount: number;
  /** Stratum h has stratumStart[h + 1] − stratumStart[h] persons. */
  stratumStart: Int32Array;
  /** rejectionThreshold of each stratum's size (read for those drawn person by person), taken once: a remainder of doubles is slow. */
  threshold: Float64Array;
  /** The categories of each (month, stratum) segment t · H + h, at offsets[segment] … offsets[segment + 1] − 1 of level. */
  level: Level;
  offsets: Int32Array;
  runs: Int32Array;
  categoryOf: Int32Array;
  drawn: Int32Array;
  byCategory: Int32Array;
  persons: PersonChanges;
  picks: Int32Array;
}

/**
 * Adds one replicate's events, drawn from `rng` stratum by stratum, to
 * `change` (as changes from month to month, so that a person's run of
 * months in one status costs two additions, not one a month).
 */
function drawChanges(plan: DrawPlan, rng: RandomStream, change: Int32Array): void {
  const { S, A, T, blockCount, stratumStart, threshold, level, offsets, runs, categoryOf, drawn, byCategory, persons, picks } = plan;
  const H = stratumStart.length - 1;
  for (let h = 0; h < H; h++) {
    const size = stratumStart[h + 1] - stratumStart[h];
    if (size === 0) continue;
    if (size <= PERSON_DRAWS_UP_TO) {
      addPersonDraws(rng, persons.first[h], size, threshold[h], picks, persons, change);
      continue;
    }
    const a = (h / blockCount) | 0;
    for (let t = 0; t < T; t++) {
      const segment = t * H + h;
      const from = offsets[segment];
      const to = offsets[segment + 1];
      // multinomial adds to `drawn`; only this segment's entries are read.
      // A loop: a call of fill costs more than these few entries.
      for (let j = from; j < to; j++) drawn[j] = 0;
      multinomial(rng, size, size, 0, level, from, to, runs[segment], -1, drawn, byCategory);
      for (let j = from; j < to; j++) {
        const k = categoryOf[j];
        if (k === S) continue;
        change[(k * A + a) * T + t] += drawn[j];
        if (t + 1 < T) change[(k * A + a) * T + t + 1] -= drawn[j];
      }
    }
  }
}

/**
 * What each person of the strata drawn person by person (those of at most
 * PERSON_DRAWS_UP_TO) adds to `change`: +1 where each of its runs of
 * months in one status begins (censored months left out), −1 where each
 * ends before the last month. The persons are numbered stratum by stratum
 * from first[h] (stratum h's person i is stratumPersons[stratumStart[h] +
 * i]); person r's slots are slots[PERSON_SLOTS · r …], see RUN_SLOTS, and
 * its rest, if any, rest[o + 1 … o + rest[o]] for o its last slot, each as 2
 * · cell for +1 and 2 · cell + 1 for −1.
 */
interface PersonChanges {
  first: Int32Array;
  slots: Int32Array;
  rest: Int32Array;
}

function personChanges(status: Uint8Array, stratumPersons: Int32Array, stratumStart: Int32Array, T: number, S: number, A: number, arm: Uint8Array): PersonChanges {
  const H = stratumStart.length - 1;
  const cells = statusShareCells(A, T);
  const first = new Int32Array(H);
  let persons = 0;
  for (let h = 0; h < H; h++) {
    first[h] = persons;
    if (stratumStart[h + 1] - stratumStart[h] <= PERSON_DRAWS_UP_TO) persons += stratumStart[h + 1] - stratumStart[h];
  }
  const slots = new Int32Array(PERSON_SLOTS * persons);
  const rest = [0];
  for (let h = 0; h < H; h++) {
    if (stratumStart[h + 1] - stratumStart[h] > PERSON_DRAWS_UP_TO) continue;
    for (let i = stratumStart[h]; i < stratumStart[h + 1]; i++) {
      const p = stratumPersons[i];
      const a = arm[p];
      const begins: number[] = [];
      const ends: number[] = [];
      for (let t = 0; t < T; ) {
        const k = status[p * T + t];
        let end = t + 1;
        while (end < T && status[p * T + end] === k) end++;
        if (k !== MISSING && k < S) {
          begins.push((k * A + a) * T + t);
          if (end < T) ends.push((k * A + a) * T + end);
        }
        t = end;
      }
      const at = PERSON_SLOTS * (first[h] + i - stratumStart[h]);
      // Unused slots point at spare cells, one per slot: a shared one would chain every padded addition on one memory word.
      for (let j = 0; j < RUN_SLOTS; j++) {
        slots[at + j] = j < begins.length ? begins[j] : cells + j;
        slots[at + RUN_SLOTS + j] = j < ends.length ? ends[j] : cells + RUN_SLOTS + j;
      }
      const more = [...begins.slice(RUN_SLOTS).map((cell) => 2 * cell), ...ends.slice(RUN_SLOTS).map((cell) => 2 * cell + 1)];
      if (more.length > 0) {
        slots[at + 2 * RUN_SLOTS] = rest.length;
        rest.push(more.length, ...more);
      }
    }
  }
  return { first, slots, rest: Int32Array.from(rest) };
}

/** Draws a small stratum's persons (first … first + size − 1 of `changes`) with replacement and adds their whole status histories to `change`. */
function addPersonDraws(rng: RandomStream, first: number, size: number, threshold: number, picks: Int32Array, changes: PersonChanges, change: Int32Array): void {
  const { slots, rest } = changes;
  rng.nextIntsBelow(size, threshold, size, picks);
  for (let draw = 0; draw < size; draw++) {
    // Written out for RUN_SLOTS = 4: a loop, even of fixed length, cost twice as much.
    const at = PERSON_SLOTS * (first + picks[draw]);
    change[slots[at]]++;
    change[slots[at + 1]]++;
    change[slots[at + 2]]++;
    change[slots[at + 3]]++;
    change[slots[at + 4]]--;
    change[slots[at + 5]]--;
    change[slots[at + 6]]--;
    change[slots[at + 7]]--;
    const more = slots[at + 8];
    if (more !== 0) {
      const end = more + 1 + rest[more];
      for (let j = more + 1; j < end; j++) change[rest[j] >> 1] += 1 - 2 * (rest[j] & 1);
    }
  }
}
