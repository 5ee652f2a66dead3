/**
 * Power and sample size for a binary outcome (methods.md "Power", eval power):
 * the two-sided two-proportion z-test as R's power.prop.test, with unequal
 * allocation, several arms against a reference and a multiplicity
 * adjustment for planning.
 */
export { resolvePowerDesign, parseRatio, ADJUSTMENTS, DEFAULT_ALPHA, DEFAULT_POWER, type Adjustment, type PowerDesign, type ResolvedPowerDesign } from './design.js';
export { twoProportionPower, totalForPower } from './twoProportion.js';
export { sampleSizeForEffect, type SampleSizeResult } from './sampleSize.js';
export { minimumDetectableEffect, type MinimumDetectableEffectResult } from './minimumDetectableEffect.js';
export { powerForDesign, type DesignPowerOptions, type DesignPowerResult } from './powerForDesign.js';
export { simulatePower, pooledZTestRejects, type PowerSimulationOptions, type PowerSimulationResult } from './simulatePower.js';
export { BinomialTable } from './binomialTable.js';
export { integerArms } from './integerArms.js';
export { planPower, POWER_TEST, SIMULATION_TEST, type PowerPlan, type PowerPlanRequest } from './plan.js';
export { simulateBootstrapPower, type BootstrapPowerOptions } from './simulateBootstrapPower.js';
