/**
 * Source codes of the synthetic extract and their canonical types (codes.csv).
 *
 * Agency extracts carry their own codes (Arbetsförmedlingen's sökandekategori
 * and programme codes, Försäkringskassan's and the municipalities' own), so
 * spells.csv uses these rather than canonical types, several codes per type
 * and some with Swedish letters, to exercise the code mapping of the reader.
 */
import type { SpellType } from '../panel/spellTypes.js';

export interface SourceCode {
  code: string;
  type: SpellType;
  /** How often this code is used among the codes of its type (relative weight). */
  weight: number;
  /** What the code stands for, for readers of this file. */
  meaning: string;
}

export const SOURCE_CODES: readonly SourceCode[] = [
  { code: 'ANST', type: 'work_unsubsidized', weight: 0.7, meaning: 'anställning utan stöd' },
  { code: 'TIDSB', type: 'work_unsubsidized', weight: 0.3, meaning: 'tidsbegränsad anställning' },
  { code: 'LB', type: 'work_subsidized', weight: 0.45, meaning: 'lönebidrag' },
  { code: 'NYST', type: 'work_subsidized', weight: 0.2, meaning: 'nystartsjobb' },
  { code: 'UTV', type: 'work_subsidized', weight: 0.2, meaning: 'utvecklingsanställning' },
  { code: 'TRY', type: 'work_subsidized', weight: 0.1, meaning: 'trygghetsanställning' },
  { code: 'INTRO', type: 'work_subsidized', weight: 0.05, meaning: 'introduktionsjobb' },
  { code: 'SAMH', type: 'work_sheltered', weight: 0.6, meaning: 'Samhall' },
  { code: 'OSA', type: 'work_sheltered', weight: 0.4, meaning: 'offentligt skyddat arbete' },
  { code: 'UTB', type: 'education', weight: 0.3, meaning: 'reguljär utbildning' },
  { code: 'KOMVUX', type: 'education', weight: 0.45, meaning: 'kommunal vuxenutbildning' },
  { code: 'FHSK', type: 'education', weight: 0.25, meaning: 'folkhögskola' },
  { code: 'FÖRB', type: 'program', weight: 0.5, meaning: 'förberedande insats' },
  { code: 'APR', type: 'program', weight: 0.3, meaning: 'arbetspraktik' },
  { code: 'AUB', type: 'program', weight: 0.1, meaning: 'arbetsmarknadsutbildning' },
  { code: 'UGA', type: 'program', weight: 0.1, meaning: 'jobbgaranti för ungdomar' },
  { code: 'DV', type: 'daily_activity', weight: 1, meaning: 'daglig verksamhet (LSS)' },
  { code: 'ÖA', type: 'unemployed', weight: 1, meaning: 'öppet arbetslös' },
  { code: 'ÖVR', type: 'other', weight: 0.6, meaning: 'övrigt' },
  { code: 'SJUK', type: 'other', weight: 0.4, meaning: 'sjukskriven' },
];

/** Indices into SOURCE_CODES of the codes of one type, with their cumulative weights. */
export interface CodeChoice {
  codes: Uint8Array;
  cumulativeWeights: Float64Array;
}

function choiceFor(type: SpellType): CodeChoice {
  const indices: number[] = [];
  SOURCE_CODES.forEach((c, i) => {
    if (c.type === type) indices.push(i);
  });
  const total = indices.reduce((sum, i) => sum + SOURCE_CODES[i].weight, 0);
  const cumulativeWeights = new Float64Array(indices.length);
  let running = 0;
  indices.forEach((codeIndex, k) => {
    running += SOURCE_CODES[codeIndex].weight;
    cumulativeWeights[k] = running / total;
  });
  cumulativeWeights[indices.length - 1] = 1;
  return { codes: Uint8Array.from(indices), cumulativeWeights };
}

/** Picks a source code index of the given choice with a uniform draw u in [0, 1). */
export function pickCode(choice: CodeChoice, u: number): number {
  let k = 0;
  while (u >= choice.cumulativeWeights[k]) k++;
  return choice.codes[k];
}

/** The four work types of the `work` outcome, in the index order the process uses. */
export const WORK_TYPES = ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education'] as const;
export const WORK_UNSUBSIDIZED = 0;
export const WORK_SUBSIDIZED = 1;
export const WORK_SHELTERED = 2;
export const EDUCATION = 3;

export const WORK_CODE_CHOICES: readonly CodeChoice[] = WORK_TYPES.map(choiceFor);
export const PROGRAM_CODES = choiceFor('program');
export const UNEMPLOYED_CODES = choiceFor('unemployed');
export const DAILY_ACTIVITY_CODES = choiceFor('daily_activity');
export const OTHER_CODES = choiceFor('other');
