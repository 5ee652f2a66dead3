/** What was read and what produced the report: inputs with hashes, tool, seed, config. */
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';

export function provenanceSection({ results, strings }: ReportContext): Block[] {
  const c = strings.columns;
  const p = strings.provenance;
  return [
    { kind: 'heading', level: 2, text: strings.headings.provenance },
    { kind: 'paragraph', text: p.tool(results.tool.name, results.tool.version, results.schema, results.config.bootstrap.seed) },
    {
      kind: 'table',
      caption: '',
      head: [c.input, c.file, c.rows, c.sha256],
      rows: Object.entries(results.inputs).map(([name, input]) => [name, input.file, formatCount(input.rows), input.sha256]),
      numeric: [false, false, true, false],
    },
    { kind: 'paragraph', text: p.unmatchedSpells(formatCount(results.unmatched_spells)) },
    { kind: 'paragraph', text: p.configIntro },
    { kind: 'code', language: 'json', text: JSON.stringify(results.config, null, 2) },
  ];
}
