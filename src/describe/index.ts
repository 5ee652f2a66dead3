/**
 * `eval describe`: Table-1 style comparison of populations and
 * county-mapping tabulations under disclosure control.
 */
export { describePopulations, DEFAULT_MIN_CELL_SIZE, type DescribeInput, type DescribeOptions } from './describePopulations.js';
export { buildDescribeFiles, DESCRIBE_FILES } from './buildDescribeFiles.js';
export { describeJson } from './describeJson.js';
export { describeDocument, type DescribeDocument, type DescribeBlock } from './describeDocument.js';
export { describeHtml } from './describeHtml.js';
export { describeMarkdown } from './describeMarkdown.js';
export { table1Csv, tabulationCsv } from './describeCsv.js';
export { suppressCells, isPrimaryCount, type Suppression } from './suppression.js';
export { recoverableCells } from './recoverable.js';
export { CellRegistry, type CellSystem } from './cellSystem.js';
export { parseAgeGroups, DEFAULT_AGE_GROUPS } from './ageGroups.js';
export * from './types.js';
