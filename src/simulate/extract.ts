/**
 * A whole synthetic register extract of the 2017 trial's design: pure and
 * deterministic in its options (no I/O; see write.ts for the files).
 */
import type { ConfigInput } from '../config/types.js';
import type { SpellType } from '../panel/spellTypes.js';
import { SOURCE_CODES } from './codes.js';
import { simulatedConfig } from './config.js';
import { simulateCosts } from './costs.js';
import { resolveDesign, type SimulateOptions, type TrialDesign } from './design.js';
import { simulateParticipants, type SimulatedParticipants } from './population.js';
import { workMultipliers } from './process.js';
import type { SimulatedSpells } from './spellColumns.js';
import { simulateSpells } from './spells.js';

export interface SimulatedExtract {
  design: TrialDesign;
  participants: SimulatedParticipants;
  /** Grouped by person in person order; `code` indexes `codes`. */
  spells: SimulatedSpells;
  /** The codes table (codes.csv): source code → canonical type. */
  codes: readonly { code: string; type: SpellType }[];
  /** Whole SEK per person, index as participants. */
  costs: Int32Array;
  config: ConfigInput;
}

/**
 * Simulates `n` randomized persons with seed `seed`.
 * @throws UsageError for an invalid option.
 * @example simulateExtract({ n: 1063, seed: 1 }).participants.count // 1063
 */
export function simulateExtract(options: SimulateOptions): SimulatedExtract {
  const design = resolveDesign(options);
  const participants = simulateParticipants(design);
  const multipliers = workMultipliers(participants, design.seed);
  const spells = simulateSpells(design, participants, multipliers);
  return {
    design,
    participants,
    spells,
    codes: SOURCE_CODES.map(({ code, type }) => ({ code, type })),
    costs: simulateCosts(participants, design.seed),
    config: simulatedConfig(design),
  };
}
