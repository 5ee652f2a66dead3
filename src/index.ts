/**
 * Effekt as a library: the same functions the `eval` command line uses, one
 * module per pipeline stage (read → panel → estimate → render → report).
 *
 * @example
 * import { locateInputs, runAnalysis } from 'effekt';
 * const results = await runAnalysis(locateInputs('fixtures/ae-trial'));
 * results.effects.filter((e) => e.outcome === 'work' && e.month === 15 && e.subgroup === 'all');
 */

// configuration
export { resolveConfig, planFromHeader, DEFAULT_ARMS } from './config/resolve.js';
export { readConfigFile } from './config/load.js';
export type { ResolvedConfig, ConfigInput, OutcomeRule, Estimator, CiMethod, InferenceMethod } from './config/types.js';

// errors
export { DataError, UsageError, formatDataIssue, type DataIssue } from './errors.js';

// calendar
export { addMonths, parseDay, formatDay, dayFromCivil, civilFromDay, type Day } from './time/days.js';

// read
export { readParticipants, encodeLevels, type Participants, type CategoricalColumn, type PlanFromHeader } from './read/participants.js';
export { readSpells, OPEN_END, type Spells } from './read/spells.js';
export { readCodes, type CodeTable } from './read/codes.js';
export { streamCsv, type CsvHeader, type CsvFileSummary } from './read/csvStream.js';

// panel
export { buildPanel, spellsByPerson, outcomeTypeMask, MISSING, type Panel, type PanelPlan } from './panel/buildPanel.js';
export { fillWindows, monthLabels } from './panel/windows.js';
export { SPELL_TYPES, STATUS_NAMES, STATUS_NONE, DEFAULT_OUTCOMES, spellTypeIndex, type SpellType } from './panel/spellTypes.js';

// disclosure control
export { applyDisclosureControl, assertDisclosureControlled, publicationMarkerFiles, type DisclosureOptions } from './disclosure/index.js';

// estimate
export { estimate, type Estimates, type EstimateInput, type EstimateReplicates, type PersonOutcomeColumn } from './estimate/estimate.js';
export { reinterval } from './estimate/reinterval.js';
export { bootstrapInterval, type CellInterval } from './estimate/bootstrapInterval.js';
export { covariateMatrix, type CovariateMatrix } from './estimate/covariateMatrix.js';
export { personOutcomeColumns } from './estimate/personOutcomeColumns.js';
export { StratifiedResampler } from './estimate/stratifiedResampler.js';
export { randomizationPValues, type RandomizationPValues, type PermutationDesign } from './estimate/randomizationInference.js';
export { shareInfluenceSums, accelerationFromSums } from './estimate/shareInfluence.js';
export { interactionRows, twoLevelVariables } from './estimate/interactions.js';
export { effectBands } from './estimate/bands.js';
export { effectCell, effectCellCount, type EffectDesign, type EstimatorName } from './estimate/engine/effectDesign.js';
export { createEffectEvaluator, type EffectEvaluator } from './estimate/engine/effectEvaluator.js';
export { effectPointEstimates, type EffectPointEstimates } from './estimate/engine/effectPointEstimates.js';
export { effectDesignFromPanel } from './estimate/effectInference.js';
export { subgroupLayout, type SubgroupLayout, type CellLayout } from './estimate/layout.js';
export { countCells, type CellCounts } from './estimate/counts.js';
export { bootstrapShares, type BootstrapDesign, type ShareReplicates } from './estimate/bootstrap.js';
export { differenceSe, normalPValue } from './estimate/difference.js';
export { percentileInterval, quantileType7, type Interval } from './estimate/percentile.js';
export { isSmallCell } from './estimate/disclosure.js';
export { basicInterval, normalInterval, bcaInterval, accelerationFromInfluence, differenceInfluence, type BootstrapInterval } from './estimate/intervals.js';
export { holmAdjust, bonferroniAdjust, supTBand, type SupTBand } from './estimate/multiplicity.js';
export { fitOlsHc2, type OlsFit } from './estimate/regression/olsHc2.js';
export { additiveDesign, linDesign, type Design, type DesignInput, type CovariateColumn } from './estimate/regression/designMatrix.js';
export { blockedDifference, type BlockedEstimate } from './estimate/regression/blockedDifference.js';
export { RandomStream } from './random/stream.js';

// whole analysis
export { runAnalysis, type RunOptions } from './pipeline/runAnalysis.js';
export { locateInputs, type AnalysisFiles } from './pipeline/inputs.js';
export { RESULTS_SCHEMA, type Results, type ShareRow, type EffectRow, type InteractionRow, type PersonOutcomeRow, type InputFile, type CensoringRow, type DisclosureInfo, type BalanceSection, type CompositionSection, type CostEffectivenessSection } from './results.js';

// power and assignment
export * from './power/index.js';
export * from './assign/index.js';

// balance, composition of work, cost-effectiveness
export { assessBalance, covariateVariables, preMonthVariables, standardizedMeanDifference, balanceRandomizationTest } from './balance/index.js';
export { estimateComposition, statusPanel } from './composition/index.js';
export { assessCostEffectiveness, costEffectivenessReplicates, acceptabilityCurve, ceacValues } from './costEffectiveness/index.js';
export { parseNumber, type DecimalMark } from './read/numbers.js';
export { describeConventions, inputFileOf } from './read/conventions.js';
export { classifyIdentityNumber } from './read/personalIdentity.js';
export { compositionSpec } from './render/compositionSpec.js';
export { ceacSpec } from './render/ceacSpec.js';

// describe populations
export { describePopulations, buildDescribeFiles, describeJson, describeDocument, describeHtml, describeMarkdown, table1Csv, tabulationCsv, DESCRIBE_FILES, DESCRIBE_SCHEMA, DEFAULT_MIN_CELL_SIZE, suppressCells, recoverableCells, CellRegistry, parseAgeGroups, type DescribeResult, type DescribeInput, type DescribeOptions, type Table1Row, type Table1Value, type Tabulation, type CellSystem } from './describe/index.js';
export { simulateComparisonPopulation, comparisonPopulationCsv, placesByPopulation, OTHER_MUNICIPALITIES, FIXTURE_POPULATIONS, type ComparisonPopulationOptions } from './simulate/comparisonPopulation.js';

// render, report, simulate
export * from './render/index.js';
export * from './report/index.js';
export * from './simulate/index.js';
export { VERSION } from './version.js';
