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
import { identity, multinomial, sizesLevel, STREAM_PURPOSE } from '../estimate/groupMultinomial.js';

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
  const S = STATUS_NAMES.length;
  const T = d.panel.months.length;
  const A = d.arms;
  const n = new Float64Array(A * T);
  const events = new Float64Array(S * A * T);
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

/** Share replicates, shares[cell * B + b] with cells as StatusCounts.events; NaN where a replicate has nobody observed. */
export function statusShareReplicates(d: StatusDesign, seed: number, B: number): Float64Array {
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

  const cells = S * A * T;
  const shares = new Float64Array(cells * B);
  const drawn = new Int32Array(sizes.length);
  const byCategory = identity(sizes.length);
  const n = new Int32Array(A * T);
  const events = new Int32Array(cells);
  const rng = new RandomStream(seed, 0);
  // Only the persons of strata drawn person by person need their runs.
  const drawnByPerson = Uint8Array.from({ length: d.panel.persons }, (_, p) => {
    const h = stratumOf(p);
    return stratumStart[h + 1] - stratumStart[h] <= PERSON_DRAWS_UP_TO ? 1 : 0;
  });
  const histories = statusRuns(d.panel.status as Uint8Array, drawnByPerson, T, S, A, d.arm);
  // Month-to-month changes of the person-drawn strata's counts, as n and events but with T + 1 months.
  const nChange = new Int32Array(A * (T + 1));
  const eventChange = new Int32Array(S * A * (T + 1));
  for (let b = 0; b < B; b++) {
    rng.reseed(seed, b + COMPOSITION_DRAWS * STREAM_PURPOSE);
    drawn.fill(0);
    n.fill(0);
    events.fill(0);
    nChange.fill(0);
    eventChange.fill(0);
    for (let h = 0; h < H; h++) {
      const size = stratumStart[h + 1] - stratumStart[h];
      if (size === 0) continue;
      const a = (h / d.blockCount) | 0;
      if (size <= PERSON_DRAWS_UP_TO) {
        addPersonDraws(rng, stratumPersons.subarray(stratumStart[h], stratumStart[h + 1]), histories, nChange, eventChange);
        continue;
      }
      for (let t = 0; t < T; t++) {
        const segment = t * H + h;
        multinomial(rng, size, size, 0, level, offsets[segment], offsets[segment + 1], runs[segment], -1, drawn, byCategory);
        for (let j = offsets[segment]; j < offsets[segment + 1]; j++) {
          const k = categoryOf[j];
          if (k === S) continue;
          n[a * T + t] += drawn[j];
          events[(k * A + a) * T + t] += drawn[j];
        }
      }
    }
    addChanges(nChange, n, A, T);
    addChanges(eventChange, events, S * A, T);
    for (let cell = 0; cell < cells; cell++) {
      const observed = n[cell % (A * T)];
      shares[cell * B + b] = observed > 0 ? events[cell] / observed : NaN;
    }
  }
  return shares;
}

/**
 * Each person's months (of those `included`) as runs of one status (censored months left out),
 * with the offsets their first month and the month after their last have
 * in the change arrays of n (`nAt`) and of events (`eventAt`).
 */
interface StatusRuns {
  /** Runs of person p: start[p] … start[p + 1] − 1. */
  start: Int32Array;
  nFrom: Int32Array;
  nTo: Int32Array;
  eventFrom: Int32Array;
  eventTo: Int32Array;
}

function statusRuns(status: Uint8Array, included: Uint8Array, T: number, S: number, A: number, arm: Uint8Array): StatusRuns {
  const persons = included.length;
  const start = new Int32Array(persons + 1);
  const nFrom: number[] = [];
  const nTo: number[] = [];
  const eventFrom: number[] = [];
  const eventTo: number[] = [];
  for (let p = 0; p < persons; p++) {
    const a = arm[p];
    let t = included[p] === 1 ? 0 : T;
    while (t < T) {
      const k = status[p * T + t];
      let end = t + 1;
      while (end < T && status[p * T + end] === k) end++;
      if (k !== MISSING && k < S) {
        nFrom.push(a * (T + 1) + t);
        nTo.push(a * (T + 1) + end);
        eventFrom.push((k * A + a) * (T + 1) + t);
        eventTo.push((k * A + a) * (T + 1) + end);
      }
      t = end;
    }
    start[p + 1] = nFrom.length;
  }
  return { start, nFrom: Int32Array.from(nFrom), nTo: Int32Array.from(nTo), eventFrom: Int32Array.from(eventFrom), eventTo: Int32Array.from(eventTo) };
}

/** Draws a small stratum's persons with replacement and adds their whole status histories, as changes at their runs' ends. */
function addPersonDraws(rng: RandomStream, persons: Int32Array, runs: StatusRuns, nChange: Int32Array, eventChange: Int32Array): void {
  const { start, nFrom, nTo, eventFrom, eventTo } = runs;
  const size = persons.length;
  const threshold = rejectionThreshold(size);
  for (let draw = 0; draw < size; draw++) {
    const person = persons[rng.nextIntBelow(size, threshold)];
    for (let j = start[person]; j < start[person + 1]; j++) {
      nChange[nFrom[j]]++;
      nChange[nTo[j]]--;
      eventChange[eventFrom[j]]++;
      eventChange[eventTo[j]]--;
    }
  }
}

/** Adds the running sums of `change` (rows of T + 1 months) to `into` (rows of T). */
function addChanges(change: Int32Array, into: Int32Array, rows: number, T: number): void {
  for (let row = 0; row < rows; row++) {
    let running = 0;
    for (let t = 0; t < T; t++) {
      running += change[row * (T + 1) + t];
      into[row * T + t] += running;
    }
  }
}
