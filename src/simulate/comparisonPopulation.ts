/**
 * Synthetic comparison populations for `eval describe`: persons with the
 * covariate columns of participants.csv (no arm, no randomization day),
 * drawn like the study group of Table A-1 (population.ts) except for the
 * shares with an LSS decision and with daily activity, which Table A-1 gives
 * for two comparison columns (ae-trial-2017.md):
 *
 * - all young adults with activity compensation (N = 36,871; LSS decision
 *   0.47, daily activity 0.39): nationwide, so spread over the trial's and
 *   other municipalities in proportion to their population;
 * - those in enhanced cooperation in non-participating municipalities
 *   (N = 1,295; 0.26, 0.16): only other municipalities, weighted like the
 *   trial's recruitment (population^0.8).
 *
 * LSS decisions stay most common with intellectual disability (F70–79) and
 * daily activity stays possible only with a decision: the study group's
 * rates per diagnosis are shifted on the logit scale until the means hit
 * the targets. Special housing follows the decision as in the study group,
 * so its share rises with more decisions.
 */
import { RandomStream } from '../random/stream.js';
import { MUNICIPALITIES, MUNICIPALITY_WEIGHTS } from './municipalities.js';
import { AGE_MIN, ageWeights, DIAGNOSIS_GROUPS, DIAGNOSIS_INTELLECTUAL, TABLE_A1 } from './population.js';
import { csvField } from './write.js';
import { bernoulli, cumulative, pickIndex, purposeSeed } from './sampling.js';

export interface PlaceWeight {
  /** SCB kommunkod. */
  code: string;
  name: string;
  weight: number;
}

export interface ComparisonPopulationOptions {
  n: number;
  seed: number;
  /** Share with an LSS decision (default: the study group's 0.30). */
  lssDecision?: number;
  /** Share in daily activity under LSS, at most lssDecision (default: the study group's 0.21). */
  dailyActivity?: number;
  /** Municipalities and their weights (default: the trial's 25, weighted as in the trial). */
  municipalities?: readonly PlaceWeight[];
  /** First letter of the pseudonymous ids (default C; the trial's are P). */
  idPrefix?: string;
}

/** Non-participating municipalities (SCB code, name, population 2015 in thousands), from large towns to the smallest. */
export const OTHER_MUNICIPALITIES: readonly { code: string; name: string; populationThousands: number }[] = [
  { code: '0182', name: 'Nacka', populationThousands: 97 },
  { code: '0127', name: 'Botkyrka', populationThousands: 89 },
  { code: '0136', name: 'Haninge', populationThousands: 82 },
  { code: '1384', name: 'Kungsbacka', populationThousands: 79 },
  { code: '2482', name: 'Skellefteå', populationThousands: 72 },
  { code: '1080', name: 'Karlskrona', populationThousands: 64 },
  { code: '1481', name: 'Mölndal', populationThousands: 63 },
  { code: '1383', name: 'Varberg', populationThousands: 61 },
  { code: '2080', name: 'Falun', populationThousands: 57 },
  { code: '1488', name: 'Trollhättan', populationThousands: 57 },
  { code: '0980', name: 'Gotland', populationThousands: 57 },
  { code: '2284', name: 'Örnsköldsvik', populationThousands: 55 },
  { code: '1485', name: 'Uddevalla', populationThousands: 55 },
  { code: '1496', name: 'Skövde', populationThousands: 53 },
  { code: '2081', name: 'Borlänge', populationThousands: 51 },
  { code: '2581', name: 'Piteå', populationThousands: 41 },
  { code: '0883', name: 'Västervik', populationThousands: 36 },
  { code: '1883', name: 'Karlskoga', populationThousands: 30 },
  { code: '2085', name: 'Ludvika', populationThousands: 26 },
  { code: '2584', name: 'Kiruna', populationThousands: 23 },
  { code: '2514', name: 'Kalix', populationThousands: 16 },
  { code: '2481', name: 'Lycksele', populationThousands: 12 },
  { code: '0860', name: 'Hultsfred', populationThousands: 14 },
  { code: '1782', name: 'Filipstad', populationThousands: 10 },
  { code: '0513', name: 'Kinda', populationThousands: 10 },
  { code: '2460', name: 'Vännäs', populationThousands: 8.5 },
  { code: '0584', name: 'Vadstena', populationThousands: 7 },
  { code: '1860', name: 'Laxå', populationThousands: 5.6 },
  { code: '0560', name: 'Boxholm', populationThousands: 5.4 },
  { code: '1762', name: 'Munkfors', populationThousands: 3.7 },
  { code: '2418', name: 'Malå', populationThousands: 3.1 },
  { code: '2463', name: 'Åsele', populationThousands: 2.8 },
  { code: '2425', name: 'Dorotea', populationThousands: 2.7 },
  { code: '2422', name: 'Sorsele', populationThousands: 2.5 },
  { code: '2403', name: 'Bjurholm', populationThousands: 2.4 },
];

/** The trial's municipalities with their recruitment weights (population^0.8). */
export const TRIAL_PLACES: readonly PlaceWeight[] = MUNICIPALITIES.map((m, i) => ({ code: m.code, name: m.name, weight: MUNICIPALITY_WEIGHTS[i] }));

/** Places weighted by population^exponent: 1 for everyone with activity compensation, 0.8 like the trial's recruitment. */
export function placesByPopulation(
  places: readonly { code: string; name: string; populationThousands: number }[],
  exponent: number,
): PlaceWeight[] {
  return places.map((p) => ({ code: p.code, name: p.name, weight: p.populationThousands ** exponent }));
}

/**
 * The files of fixtures/populations/, written by `node scripts/make-populations.js`
 * (after `npm run build`); a test checks the committed files against these.
 */
export const FIXTURE_POPULATIONS: readonly { file: string; options: ComparisonPopulationOptions }[] = [
  {
    // Table A-1 "all with activity compensation": N = 36,871, sampled down to 5,000
    // to keep the fixture small. Nationwide: trial and other municipalities by population.
    file: 'all-activity-compensation.csv',
    options: {
      n: 5000, seed: 36871, lssDecision: 0.47, dailyActivity: 0.39, idPrefix: 'A',
      municipalities: placesByPopulation([...MUNICIPALITIES, ...OTHER_MUNICIPALITIES], 1),
    },
  },
  {
    // Table A-1 "enhanced cooperation elsewhere": N = 1,295 in non-participating
    // municipalities, weighted like the trial's recruitment.
    file: 'enhanced-cooperation-elsewhere.csv',
    options: {
      n: 1295, seed: 1295, lssDecision: 0.26, dailyActivity: 0.16, idPrefix: 'E',
      municipalities: placesByPopulation(OTHER_MUNICIPALITIES, 0.8),
    },
  },
];

export const COMPARISON_HEADER = [
  'person_id', 'gender', 'lss_daily_activity', 'block', 'municipality', 'age', 'lss_decision',
  'children', 'foreign_born', 'upper_secondary', 'special_housing', 'diagnosis_group',
] as const;

export interface ComparisonPerson {
  id: string;
  female: boolean;
  /** Index into the municipalities of the options. */
  place: number;
  age: number;
  lssDecision: boolean;
  dailyActivity: boolean;
  children: boolean;
  foreignBorn: boolean;
  upperSecondary: boolean;
  specialHousing: boolean;
  /** Index into DIAGNOSIS_GROUPS. */
  diagnosis: number;
}

export interface ComparisonPopulation {
  places: readonly PlaceWeight[];
  persons: ComparisonPerson[];
}

// The study group's structure (population.ts keeps these private; same values).
const DIAGNOSIS_MEN = [0.2, 0.24, 0.19, 0.08, 0.06, 0.23];
const DIAGNOSIS_WOMEN = TABLE_A1.diagnosis.map((overall, g) => (overall - (1 - TABLE_A1.female) * DIAGNOSIS_MEN[g]) / TABLE_A1.female);
const DECISION_BASE = [0.12, 0.4, 0.8, 0.05, 0.05, NaN];
const DAILY_GIVEN_DECISION_INTELLECTUAL = 0.85;
const SPECIAL_HOUSING_WITH_DECISION = 0.25;
const SPECIAL_HOUSING_WITHOUT_DECISION = (TABLE_A1.specialHousing - TABLE_A1.lssDecision * SPECIAL_HOUSING_WITH_DECISION) / (1 - TABLE_A1.lssDecision);
const UPPER_SECONDARY_INTELLECTUAL = 0.15;
const UPPER_SECONDARY_OTHERS =
  (TABLE_A1.upperSecondary - TABLE_A1.diagnosis[DIAGNOSIS_INTELLECTUAL] * UPPER_SECONDARY_INTELLECTUAL) / (1 - TABLE_A1.diagnosis[DIAGNOSIS_INTELLECTUAL]);
const CHILDREN_WOMEN = 0.2;
const CHILDREN_MEN = (TABLE_A1.children - TABLE_A1.female * CHILDREN_WOMEN) / (1 - TABLE_A1.female);

const COMPARISON_PURPOSE = 7;

export function simulateComparisonPopulation(options: ComparisonPopulationOptions): ComparisonPopulation {
  const { n, seed } = options;
  const lssDecision = options.lssDecision ?? TABLE_A1.lssDecision;
  const dailyActivity = options.dailyActivity ?? TABLE_A1.lssDailyActivity;
  const places = options.municipalities ?? TRIAL_PLACES;
  const prefix = options.idPrefix ?? 'C';
  if (!Number.isInteger(n) || n < 1 || n > 9_999_999) throw new RangeError(`n must be a whole number from 1 to 9,999,999 (got ${n})`);
  if (!(lssDecision > 0 && lssDecision < 1)) throw new RangeError(`lssDecision must be between 0 and 1 (got ${lssDecision})`);
  if (!(dailyActivity > 0 && dailyActivity < lssDecision)) throw new RangeError(`dailyActivity must be between 0 and lssDecision (got ${dailyActivity})`);
  if (!/^[A-Z]$/.test(prefix)) throw new RangeError(`idPrefix must be one capital letter (got ${JSON.stringify(prefix)})`);
  if (places.length === 0) throw new RangeError('at least one municipality is needed');

  const decisionRate = shiftedRates(TABLE_A1.diagnosis, withOtherRate(DECISION_BASE), lssDecision);
  const decisionShare = TABLE_A1.diagnosis.map((d, g) => d * decisionRate[g]);
  const dailyBase = DIAGNOSIS_GROUPS.map((_, g) => (g === DIAGNOSIS_INTELLECTUAL ? DAILY_GIVEN_DECISION_INTELLECTUAL : 0.55));
  const dailyRate = shiftedRates(decisionShare, dailyBase, dailyActivity);

  const ageTable = cumulative(ageWeights(TABLE_A1.age));
  const men = cumulative(DIAGNOSIS_MEN);
  const women = cumulative(DIAGNOSIS_WOMEN);
  const placeTable = cumulative(places.map((p) => p.weight));
  const rng = new RandomStream(purposeSeed(seed >>> 0, COMPARISON_PURPOSE), 0);
  const persons: ComparisonPerson[] = [];
  for (let i = 0; i < n; i++) {
    const female = bernoulli(rng, TABLE_A1.female);
    const diagnosis = pickIndex(rng, female ? women : men);
    const decision = bernoulli(rng, decisionRate[diagnosis]);
    persons.push({
      id: `${prefix}${String(i + 1).padStart(7, '0')}`,
      female,
      place: pickIndex(rng, placeTable),
      age: AGE_MIN + pickIndex(rng, ageTable),
      lssDecision: decision,
      dailyActivity: decision && bernoulli(rng, dailyRate[diagnosis]),
      specialHousing: bernoulli(rng, decision ? SPECIAL_HOUSING_WITH_DECISION : SPECIAL_HOUSING_WITHOUT_DECISION),
      upperSecondary: bernoulli(rng, diagnosis === DIAGNOSIS_INTELLECTUAL ? UPPER_SECONDARY_INTELLECTUAL : UPPER_SECONDARY_OTHERS),
      children: bernoulli(rng, female ? CHILDREN_WOMEN : CHILDREN_MEN),
      foreignBorn: bernoulli(rng, TABLE_A1.foreignBorn),
      diagnosis,
    });
  }
  return { places, persons };
}

/** The population as CSV text (UTF-8, `\n` line ends), columns COMPARISON_HEADER. */
export function comparisonPopulationCsv(population: ComparisonPopulation): string {
  const bit = (b: boolean) => (b ? '1' : '0');
  const lines = [COMPARISON_HEADER.join(',')];
  for (const p of population.persons) {
    const place = population.places[p.place];
    lines.push(
      [
        p.id, p.female ? 'K' : 'M', bit(p.dailyActivity), place.code, csvField(place.name), p.age, bit(p.lssDecision),
        bit(p.children), bit(p.foreignBorn), bit(p.upperSecondary), bit(p.specialHousing), DIAGNOSIS_GROUPS[p.diagnosis],
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Rates per group shifted by one common amount on the logit scale so that
 * Σ weight[g] · rate[g] = target: the groups keep their order and every rate
 * stays inside (0, 1).
 */
export function shiftedRates(weights: readonly number[], base: readonly number[], target: number): number[] {
  const at = (shift: number) => base.map((p) => 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + shift))));
  const mean = (rates: number[]) => rates.reduce((s, r, g) => s + weights[g] * r, 0);
  let lo = -20;
  let hi = 20;
  for (let iteration = 0; iteration < 100; iteration++) {
    const mid = (lo + hi) / 2;
    if (mean(at(mid)) < target) lo = mid;
    else hi = mid;
  }
  return at((lo + hi) / 2);
}

/** The study group's rate for diagnosis `other`, so that the mean is Table A-1's (as population.ts does). */
function withOtherRate(rates: readonly number[]): number[] {
  const other = rates.findIndex(Number.isNaN);
  const known = rates.reduce((sum, r, g) => (g === other ? sum : sum + r * TABLE_A1.diagnosis[g]), 0);
  const out = rates.slice();
  out[other] = (TABLE_A1.lssDecision - known) / TABLE_A1.diagnosis[other];
  return out;
}
