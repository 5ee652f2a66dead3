/**
 * Synthetic register extracts with the design and published shape of the
 * 2017 trial (ae-trial-2017.md), for demonstrations, tests and benchmarks
 * (`eval simulate`).
 */
export { simulateExtract, type SimulatedExtract } from './extract.js';
export { writeExtract, PARTICIPANTS_HEADER, SPELLS_HEADER, CODES_HEADER, COSTS_HEADER } from './write.js';
export { ARMS, MAX_PERSONS, type SimulateOptions, type TrialDesign } from './design.js';
export { DIAGNOSIS_GROUPS, TABLE_A1, type SimulatedParticipants } from './population.js';
export { OPEN_END, type SimulatedSpells } from './spellColumns.js';
export { SOURCE_CODES } from './codes.js';
export { MUNICIPALITIES } from './municipalities.js';
export { TARGET_SHARES, TARGET_MONTH, expectedShare } from './workCurves.js';
export { personId } from './personIds.js';
