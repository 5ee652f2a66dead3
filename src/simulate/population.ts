/**
 * The randomized persons: recruitment day, municipality (the randomization
 * block), arm, and baseline covariates matching the study group of Table A-1
 * in ae-trial-2017.md.
 *
 * Covariates are correlated the way the population is: ADHD and autism are
 * commoner among men, anxiety and mood disorders among women; an LSS
 * decision is commonest with intellectual disability (F70–79), and daily
 * activity under LSS is only possible with an LSS decision. Each conditional
 * rate is derived from the published marginal so that the expected means
 * equal Table A-1 exactly.
 */
import { RandomStream } from '../random/stream.js';
import type { Day } from '../time/days.js';
import { ARMS, type TrialDesign } from './design.js';
import { MUNICIPALITIES, MUNICIPALITY_WEIGHTS } from './municipalities.js';
import { bernoulli, cumulative, pickIndex, purposeSeed } from './sampling.js';

export const DIAGNOSIS_GROUPS = ['F90-98', 'F80-89', 'F70-79', 'F40-48', 'F30-39', 'other'] as const;
export const DIAGNOSIS_ADHD = 0;
export const DIAGNOSIS_AUTISM = 1;
export const DIAGNOSIS_INTELLECTUAL = 2;
export const DIAGNOSIS_ANXIETY = 3;
export const DIAGNOSIS_MOOD = 4;
export const DIAGNOSIS_OTHER = 5;

/** Table A-1, study group (N = 1,063). */
export const TABLE_A1 = {
  age: 24.8,
  female: 0.48,
  children: 0.14,
  foreignBorn: 0.09,
  upperSecondary: 0.43,
  lssDecision: 0.3,
  lssDailyActivity: 0.21,
  specialHousing: 0.09,
  /** In the order of DIAGNOSIS_GROUPS; `other` is the remainder. */
  diagnosis: [0.18, 0.2, 0.18, 0.11, 0.09, 0.24],
} as const;

export const AGE_MIN = 19;
export const AGE_MAX = 29;

/** Participant columns, one typed array per column, person i at index i (person ids in order of randomization). */
export interface SimulatedParticipants {
  count: number;
  /** Index into ARMS. */
  arm: Uint8Array;
  randomizedOn: Int32Array;
  /** 1 = woman (K), 0 = man (M). */
  female: Uint8Array;
  /** Index into MUNICIPALITIES; the municipality is the randomization block. */
  municipality: Uint8Array;
  age: Uint8Array;
  lssDecision: Uint8Array;
  lssDailyActivity: Uint8Array;
  children: Uint8Array;
  foreignBorn: Uint8Array;
  upperSecondary: Uint8Array;
  specialHousing: Uint8Array;
  /** Index into DIAGNOSIS_GROUPS. */
  diagnosis: Uint8Array;
}

const POPULATION_PURPOSE = 1;

// Men's diagnosis shares (order of DIAGNOSIS_GROUPS) are set; women's follow from the overall shares.
const DIAGNOSIS_MEN = [/* F90-98 */ 0.2, /* F80-89 */ 0.24, /* F70-79 */ 0.19, /* F40-48 */ 0.08, /* F30-39 */ 0.06, /* other */ 0.23];
const DIAGNOSIS_WOMEN = TABLE_A1.diagnosis.map(
  (overall, g) => (overall - (1 - TABLE_A1.female) * DIAGNOSIS_MEN[g]) / TABLE_A1.female,
);

// P(LSS decision | diagnosis), in the order of DIAGNOSIS_GROUPS: highest with
// intellectual disability, then autism; `other` takes the remainder.
const LSS_DECISION_BY_DIAGNOSIS = withRemainder(
  [/* F90-98 */ 0.12, /* F80-89 */ 0.4, /* F70-79 */ 0.8, /* F40-48 */ 0.05, /* F30-39 */ 0.05, /* other */ NaN],
  TABLE_A1.lssDecision,
);

// P(daily activity | LSS decision, diagnosis): higher with intellectual disability.
const DAILY_ACTIVITY_GIVEN_DECISION = (() => {
  const decisionShare = TABLE_A1.diagnosis.map((d, g) => d * LSS_DECISION_BY_DIAGNOSIS[g]);
  const target = TABLE_A1.lssDailyActivity; // = sum over g of decisionShare[g] * rate[g]
  const intellectual = 0.85;
  const rest = (target - decisionShare[DIAGNOSIS_INTELLECTUAL] * intellectual) /
    (TABLE_A1.lssDecision - decisionShare[DIAGNOSIS_INTELLECTUAL]);
  return DIAGNOSIS_GROUPS.map((_, g) => (g === DIAGNOSIS_INTELLECTUAL ? intellectual : rest));
})();

// Special housing (bostad med särskild service) mostly comes with an LSS decision.
const SPECIAL_HOUSING_WITH_DECISION = 0.25;
const SPECIAL_HOUSING_WITHOUT_DECISION =
  (TABLE_A1.specialHousing - TABLE_A1.lssDecision * SPECIAL_HOUSING_WITH_DECISION) / (1 - TABLE_A1.lssDecision);

// Fewer complete upper-secondary with intellectual disability (gymnasiesärskola is not counted).
const UPPER_SECONDARY_INTELLECTUAL = 0.15;
const UPPER_SECONDARY_OTHERS =
  (TABLE_A1.upperSecondary - TABLE_A1.diagnosis[DIAGNOSIS_INTELLECTUAL] * UPPER_SECONDARY_INTELLECTUAL) /
  (1 - TABLE_A1.diagnosis[DIAGNOSIS_INTELLECTUAL]);

// Young mothers more often than young fathers live with their children.
const CHILDREN_WOMEN = 0.2;
const CHILDREN_MEN = (TABLE_A1.children - TABLE_A1.female * CHILDREN_WOMEN) / (1 - TABLE_A1.female);

/** Age weights exp(beta * age) over 19–29, beta solved so that the mean age is Table A-1's. */
const AGE_TABLE = cumulative(ageWeights(TABLE_A1.age));

const DIAGNOSIS_TABLE_MEN = cumulative(DIAGNOSIS_MEN);
const DIAGNOSIS_TABLE_WOMEN = cumulative(DIAGNOSIS_WOMEN);
const MUNICIPALITY_TABLE = cumulative(MUNICIPALITY_WEIGHTS);

/** The six orders of three arms, for permuted blocks of 3. */
const PERMUTATIONS_OF_3 = [
  [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0],
];

export function simulateParticipants(design: TrialDesign): SimulatedParticipants {
  const n = design.n;
  const rng = new RandomStream(purposeSeed(design.seed, POPULATION_PURPOSE), 0);
  const randomizedOn = randomizationDays(rng, n, design.recruitmentStart, design.recruitmentEnd);
  const municipality = new Uint8Array(n);
  for (let i = 0; i < n; i++) municipality[i] = pickIndex(rng, MUNICIPALITY_TABLE);
  const arm = assignArms(rng, municipality);

  const p: SimulatedParticipants = {
    count: n,
    arm,
    randomizedOn,
    municipality,
    female: new Uint8Array(n),
    age: new Uint8Array(n),
    lssDecision: new Uint8Array(n),
    lssDailyActivity: new Uint8Array(n),
    children: new Uint8Array(n),
    foreignBorn: new Uint8Array(n),
    upperSecondary: new Uint8Array(n),
    specialHousing: new Uint8Array(n),
    diagnosis: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const female = bernoulli(rng, TABLE_A1.female);
    const diagnosis = pickIndex(rng, female ? DIAGNOSIS_TABLE_WOMEN : DIAGNOSIS_TABLE_MEN);
    const decision = bernoulli(rng, LSS_DECISION_BY_DIAGNOSIS[diagnosis]);
    p.female[i] = female ? 1 : 0;
    p.diagnosis[i] = diagnosis;
    p.age[i] = AGE_MIN + pickIndex(rng, AGE_TABLE);
    p.lssDecision[i] = decision ? 1 : 0;
    p.lssDailyActivity[i] = decision && bernoulli(rng, DAILY_ACTIVITY_GIVEN_DECISION[diagnosis]) ? 1 : 0;
    p.specialHousing[i] = bernoulli(rng, decision ? SPECIAL_HOUSING_WITH_DECISION : SPECIAL_HOUSING_WITHOUT_DECISION) ? 1 : 0;
    p.upperSecondary[i] = bernoulli(
      rng,
      diagnosis === DIAGNOSIS_INTELLECTUAL ? UPPER_SECONDARY_INTELLECTUAL : UPPER_SECONDARY_OTHERS,
    ) ? 1 : 0;
    p.children[i] = bernoulli(rng, female ? CHILDREN_WOMEN : CHILDREN_MEN) ? 1 : 0;
    p.foreignBorn[i] = bernoulli(rng, TABLE_A1.foreignBorn) ? 1 : 0;
  }
  return p;
}

/** Uniform days over the recruitment period, sorted, so that person ids follow the order of randomization. */
function randomizationDays(rng: RandomStream, n: number, first: Day, last: Day): Int32Array {
  const days = new Int32Array(n);
  const span = last - first + 1;
  for (let i = 0; i < n; i++) days[i] = first + rng.nextInt(span);
  return days.sort();
}

/**
 * Permuted blocks of 3 within each municipality, in order of randomization:
 * every run of three consecutive persons of a municipality gets the three arms
 * in a random order, so each municipality's arms differ by at most one.
 */
function assignArms(rng: RandomStream, municipality: Uint8Array): Uint8Array {
  const arm = new Uint8Array(municipality.length);
  const positionInBlock = new Uint8Array(MUNICIPALITIES.length);
  const currentOrder = new Uint8Array(MUNICIPALITIES.length);
  for (let i = 0; i < municipality.length; i++) {
    const m = municipality[i];
    const position = positionInBlock[m];
    if (position === 0) currentOrder[m] = rng.nextInt(PERMUTATIONS_OF_3.length);
    arm[i] = PERMUTATIONS_OF_3[currentOrder[m]][position];
    positionInBlock[m] = (position + 1) % ARMS.length;
  }
  return arm;
}

/** Fills the NaN entry of `rates` so that the diagnosis-weighted mean equals `target`. */
function withRemainder(rates: number[], target: number): number[] {
  const missing = rates.findIndex(Number.isNaN);
  const known = rates.reduce((sum, r, g) => (g === missing ? sum : sum + r * TABLE_A1.diagnosis[g]), 0);
  const out = rates.slice();
  out[missing] = (target - known) / TABLE_A1.diagnosis[missing];
  return out;
}

/** Age weights exp(beta · age) over AGE_MIN…AGE_MAX, beta bisected so the mean age is `targetMean`. */
export function ageWeights(targetMean: number): number[] {
  const weightsFor = (beta: number) =>
    Array.from({ length: AGE_MAX - AGE_MIN + 1 }, (_, k) => Math.exp(beta * (k - (AGE_MAX - AGE_MIN) / 2)));
  const meanFor = (beta: number) => {
    const w = weightsFor(beta);
    const total = w.reduce((s, x) => s + x, 0);
    return w.reduce((s, x, k) => s + x * (AGE_MIN + k), 0) / total;
  };
  // The mean increases with beta; bisect.
  let lo = -2;
  let hi = 2;
  for (let iteration = 0; iteration < 60; iteration++) {
    const mid = (lo + hi) / 2;
    if (meanFor(mid) < targetMean) lo = mid;
    else hi = mid;
  }
  return weightsFor((lo + hi) / 2);
}
