export { assessCostEffectiveness, costEffectivenessReplicates, type CostEffectivenessInput, type CostEffectivenessReplicates } from './assessCostEffectiveness.js';
export { acceptabilityCurve, ceacValues, niceCeiling } from './ceac.js';
export { CellStatistics, type CellDesign, type CellValues } from './cellStatistics.js';
export { drawMultiplicities, resamplingGroups, type ResamplingDesign } from './personResampling.js';
export { personCosts, type PersonCosts } from './personCosts.js';
