/**
 * Randomization of newly consenting persons (eval assign): stratified
 * permuted blocks, reproducible from a seed, appended to a log that is a
 * participants.csv for `eval run`.
 */
export { assignParticipants, DEFAULT_ASSIGN_SEED, UNSTRATIFIED, type AssignOptions, type AssignSummary } from './assignParticipants.js';
export { blockPlan, MAX_BLOCK_LENGTH, type BlockPlan } from './blockPlan.js';
export { permutedBlock, blockStreamIndex } from './blockPermutation.js';
export { drawAssignments } from './drawAssignments.js';
export { replaceFileAtomically, type ReplaceHooks } from './replaceFileAtomically.js';
