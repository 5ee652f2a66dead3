/**
 * One `eval power` calculation as a plain, JSON-ready record: the sample
 * size for an effect or the minimum detectable effect for a total, with an
 * optional simulation check of the same design.
 */
import { UsageError } from '../errors.js';
import type { Adjustment, ResolvedPowerDesign } from './design.js';
import { integerArms } from './integerArms.js';
import { minimumDetectableEffect } from './minimumDetectableEffect.js';
import { powerForDesign } from './powerForDesign.js';
import { sampleSizeForEffect } from './sampleSize.js';
import { simulateBootstrapPower } from './simulateBootstrapPower.js';
import { simulatePower } from './simulatePower.js';

export interface PowerPlanRequest {
  p0: number;
  /** Exactly one of effect and totalN. */
  effect?: number;
  totalN?: number;
  /** Arm names, reference first; ratio gives their weights. */
  arms: string[];
  ratio: number[];
  alpha?: number;
  power?: number;
  adjust?: Adjustment;
  /** Simulated trials; none when absent. */
  /** With bootstrapReplicates, each simulated trial is tested with Effekt's bootstrap instead of the z-test. */
  simulate?: { replicates: number; seed: number; bootstrapReplicates?: number };
}

export interface PowerPlan {
  mode: 'sample-size' | 'minimum-detectable-effect';
  test: string;
  arms: string[];
  reference: string;
  ratio: number[];
  p0: number;
  p1: number;
  effect: number;
  alpha: number;
  adjust: Adjustment;
  comparisons: number;
  alphaPerComparison: number;
  power: number;
  /** Persons per arm: whole numbers, rounded up for sample-size, split by largest remainder for an MDE. */
  perArm: Record<string, number>;
  total: number;
  /** sample-size: the real-valued persons per arm at exactly the target power. */
  exactPerArm?: Record<string, number>;
  /** minimum-detectable-effect: each comparison's own MDE. */
  effectByComparison?: Record<string, number>;
  /** Analytic power of each comparison at perArm. */
  powerByComparison: Record<string, number>;
  simulation?: {
    replicates: number;
    seed: number;
    test: string;
    power: Record<string, number>;
    monteCarloSe: Record<string, number>;
  };
}

export const POWER_TEST = 'two-sided two-proportion z-test, as R power.prop.test (strict = FALSE)';
export const SIMULATION_TEST = 'pooled two-proportion z-test, as R prop.test(correct = FALSE)';
export const bootstrapSimulationTest = (B: number): string => `percentile interval of the difference from Effekt's stratified bootstrap, ${B} replicates per trial`;

export function planPower(request: PowerPlanRequest): PowerPlan {
  const { arms, ratio } = request;
  if (arms.length !== ratio.length) throw new UsageError(`${arms.length} arms but ${ratio.length} allocation weights`);
  if ((request.effect === undefined) === (request.totalN === undefined)) {
    throw new UsageError('give either an effect (for the persons needed) or a total number of persons (for the minimum detectable effect), not both');
  }
  const shared = { p0: request.p0, alpha: request.alpha, power: request.power, ratio, adjust: request.adjust };
  const byArm = <T>(values: readonly T[], from = 0) => Object.fromEntries(values.map((v, i) => [arms[i + from], v]));

  let plan: PowerPlan;
  if (request.effect !== undefined) {
    const result = sampleSizeForEffect({ ...shared, effect: request.effect });
    plan = {
      mode: 'sample-size',
      ...common(result.design, arms),
      p1: result.p1,
      effect: result.effect,
      perArm: byArm(result.perArm),
      total: result.total,
      exactPerArm: byArm(result.exactPerArm),
      powerByComparison: byArm(result.achievedPower, 1),
    };
  } else {
    const totalN = request.totalN as number;
    if (!Number.isInteger(totalN)) throw new UsageError(`n: expected a whole number of persons (got ${totalN})`);
    const result = minimumDetectableEffect({ ...shared, totalN });
    const perArm = integerArms(totalN, result.design.fractions);
    const { powerByComparison } = powerForDesign({ p0: request.p0, effect: result.effect, perArm, alpha: request.alpha, adjust: request.adjust });
    plan = {
      mode: 'minimum-detectable-effect',
      ...common(result.design, arms),
      p1: result.p1,
      effect: result.effect,
      perArm: byArm(perArm),
      total: totalN,
      effectByComparison: byArm(result.effectByComparison, 1),
      powerByComparison: byArm(powerByComparison, 1),
    };
  }
  if (request.simulate) {
    const perArm = arms.map((arm) => plan.perArm[arm]);
    const simulationOptions = {
      p0: plan.p0,
      effect: plan.effect,
      perArm,
      alpha: request.alpha,
      adjust: request.adjust,
      replicates: request.simulate.replicates,
      seed: request.simulate.seed,
    };
    const bootstrapReplicates = request.simulate.bootstrapReplicates;
    const simulated = bootstrapReplicates === undefined ? simulatePower(simulationOptions) : simulateBootstrapPower({ ...simulationOptions, bootstrapReplicates });
    plan.simulation = {
      replicates: simulated.replicates,
      seed: simulated.seed,
      test: bootstrapReplicates === undefined ? SIMULATION_TEST : bootstrapSimulationTest(bootstrapReplicates),
      power: byArm(simulated.power, 1),
      monteCarloSe: byArm(simulated.monteCarloSe, 1),
    };
  }
  return plan;
}

function common(design: ResolvedPowerDesign, arms: string[]) {
  return {
    test: POWER_TEST,
    arms: [...arms],
    reference: arms[0],
    ratio: design.ratio,
    p0: design.p0,
    alpha: design.alpha,
    adjust: design.adjust,
    comparisons: design.comparisons,
    alphaPerComparison: design.alphaPerComparison,
    power: design.power,
  };
}
