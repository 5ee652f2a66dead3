/** The "not for publication" banner of a run without disclosure control. */
import type { Block } from '../document.js';
import type { ReportContext } from './context.js';

export function disclosureBanner({ results }: ReportContext): Block[] {
  if (results.disclosure === undefined || results.disclosure.applied) return [];
  return [
    {
      kind: 'paragraph',
      text: 'NOT FOR PUBLICATION: this report was produced with --no-disclosure-control and may contain small cells that identify persons. Use it only inside the secure environment.',
    },
  ];
}
