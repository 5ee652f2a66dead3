/**
 * A run without disclosure control must not pass for a publishable one.
 * The HTML and Markdown reports carry a banner (disclosureBanner.ts), but
 * CSV files cannot carry a warning without breaking the programs that read
 * them (a comment line is not CSV, an extra column changes every table), so
 * the warning is a file of its own next to them, named so that it is the
 * first thing seen in a listing: NOT-FOR-PUBLICATION.txt in the report
 * directory and in tables/.
 */
import type { Results } from '../results.js';

export const NOT_FOR_PUBLICATION_FILE = 'NOT-FOR-PUBLICATION.txt';

/** Files to add to a report directory: none when disclosure control was applied. */
export function publicationMarkerFiles(results: Results): Map<string, string> {
  const files = new Map<string, string>();
  if (results.disclosure?.applied !== false) return files;
  const text = markerText(results);
  files.set(NOT_FOR_PUBLICATION_FILE, text);
  files.set(`tables/${NOT_FOR_PUBLICATION_FILE}`, text);
  return files;
}

function markerText(results: Results): string {
  const info = results.disclosure!;
  const wouldHide = info.primary_suppressed + info.complementary_suppressed;
  return [
    'NOT FOR PUBLICATION',
    '',
    'This report was produced with --no-disclosure-control. Its tables, charts and',
    `results.json show every value, including cells with fewer than ${info.min_cell_size} persons`,
    'that can identify persons. Use it only inside the secure environment; do not',
    'copy any of its files out of it.',
    '',
    `With disclosure control, ${wouldHide} values would have been suppressed`,
    `(${info.primary_suppressed} small cells and ${info.complementary_suppressed} complementary cells).`,
    'Run again without --no-disclosure-control for a report that can leave it.',
    '',
  ].join('\n');
}
