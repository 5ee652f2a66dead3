/** What every report section reads: the results, lookups and wording. */
import type { Results } from '../../results.js';
import { formatLevel } from '../format.js';
import { ResultIndex } from '../resultIndex.js';
import { reportStrings, type ReportStrings } from '../strings.js';

export interface ReportContext {
  results: Results;
  index: ResultIndex;
  strings: ReportStrings;
  /** Confidence level as text, "95 %". */
  level: string;
}

export function reportContext(results: Results): ReportContext {
  return {
    results,
    index: new ResultIndex(results),
    strings: reportStrings(results.config.lang),
    level: formatLevel(results.config.bootstrap.level),
  };
}
