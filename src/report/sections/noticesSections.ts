/** Censoring (only when some month is censored) and the run's warnings. */
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';

export function censoringSection({ results, strings }: ReportContext): Block[] {
  const censored = results.censoring.filter((row) => row.censored > 0).sort((a, b) => a.month - b.month);
  if (censored.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: strings.headings.censoring },
    { kind: 'paragraph', text: strings.censoring(results.config.extractDate) },
    {
      kind: 'table',
      caption: '',
      head: [strings.columns.month, strings.columns.censored],
      rows: censored.map((row) => [String(row.month), formatCount(row.censored)]),
      numeric: [true, true],
    },
  ];
}

export function warningsSection({ results, strings }: ReportContext): Block[] {
  return [
    { kind: 'heading', level: 2, text: strings.headings.warnings },
    results.warnings.length === 0 ? { kind: 'paragraph', text: strings.noWarnings } : { kind: 'list', items: [...results.warnings] },
  ];
}
