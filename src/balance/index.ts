export { assessBalance, balanceSeed, type BalanceInput } from './assessBalance.js';
export { armMoments, standardizedMeanDifference, pooledStandardDeviation, isImbalanced, SMD_FLAG_THRESHOLD, type ArmMoments } from './armMoments.js';
export { covariateVariables, preMonthVariables, parseCovariateNumber, type BalanceVariable } from './balanceVariables.js';
export { balanceRandomizationTest, BlockSampler, distinctAssignments, enumerateAssignments, drawThresholds, personsByBlock, nextPermutation, type RandomizationDesign, type RandomizationResult } from './randomizationTest.js';
export { JointStatistic, type JointStatisticDesign } from './jointStatistic.js';
export { blockCells, GroupedBlockSampler, type BlockCells } from './groupedBlockSampler.js';
export { ExchangeableBlockSampler } from './exchangeableBlockSampler.js';
export { GroupedJointStatistic } from './groupedJointStatistic.js';
export { distinctRows, type DistinctRows } from '../estimate/distinctRows.js';
