/**
 * The "not for publication" marking of a run without disclosure control:
 * a heading right under the report's title, so it is the first thing read
 * in both the HTML and the Markdown report, and a title prefix for the
 * page's <title> and the first heading (titleWithDisclosureMark).
 */
import type { Results } from '../../results.js';
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';

const TEXT = {
  en: {
    mark: 'NOT FOR PUBLICATION',
    explain: (min: number) =>
      `This report was produced with --no-disclosure-control: it shows every value, including cells with fewer than ${min} persons that can identify persons. Use it only inside the secure environment and do not copy it out of it.`,
  },
  sv: {
    mark: 'EJ FÖR PUBLICERING',
    explain: (min: number) =>
      `Rapporten är framtagen med --no-disclosure-control: den visar alla värden, även celler med färre än ${min} personer som kan röja enskilda. Använd den bara i den säkra miljön och för inte ut den därifrån.`,
  },
} as const;

/** Whether the results must be marked: disclosure control was turned off. */
export function notForPublication(results: Results): boolean {
  return results.disclosure !== undefined && !results.disclosure.applied;
}

export function disclosureBanner({ results }: ReportContext): Block[] {
  if (!notForPublication(results)) return [];
  const text = TEXT[results.config.lang] ?? TEXT.en;
  return [
    { kind: 'heading', level: 2, text: `${text.mark}` },
    { kind: 'paragraph', text: `${text.mark}: ${text.explain(results.config.minCellSize)}` },
  ];
}

/** "NOT FOR PUBLICATION – <title>" for a run without disclosure control, else the title as it is. */
export function titleWithDisclosureMark(results: Results, title: string): string {
  if (!notForPublication(results)) return title;
  return `${(TEXT[results.config.lang] ?? TEXT.en).mark} – ${title}`;
}
