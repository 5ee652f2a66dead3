/** The report's content, in reading order, as renderer-neutral blocks. */
import type { Results } from '../results.js';
import type { Block } from './document.js';
import type { ReportStrings } from './strings.js';
import { balanceSection } from './sections/balanceSection.js';
import { compositionSection } from './sections/compositionSection.js';
import { reportContext } from './sections/context.js';
import { costEffectivenessSection } from './sections/costEffectivenessSection.js';
import { effectsTable } from './sections/effectsTable.js';
import { figureSections } from './sections/figureSections.js';
import { interactionsSection } from './sections/interactionsSection.js';
import { methodsSection } from './sections/methodsSection.js';
import { disclosureBanner, titleWithDisclosureMark } from './sections/disclosureBanner.js';
import { censoringSection, warningsSection } from './sections/noticesSections.js';
import { personOutcomesSection } from './sections/personOutcomesSection.js';
import { outcomesTable, subgroupTable } from './sections/primaryMonthTables.js';
import { provenanceSection } from './sections/provenanceSection.js';
import { sharesTable } from './sections/sharesTable.js';
import { summarySection } from './sections/summarySection.js';

export interface ReportDocument {
  /** Language of the text (`sv` falls back to English for now). */
  lang: string;
  title: string;
  blocks: Block[];
}

export function reportDocument(results: Results): ReportDocument {
  const context = reportContext(results);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: titleWithDisclosureMark(results, context.strings.title) },
    ...disclosureBanner(context),
    ...summarySection(context),
    ...figureSections(context),
    ...sharesTable(context),
    ...effectsTable(context),
    ...subgroupTable(context),
    // Right after the subgroups: whether their effects differ.
    ...interactionsSection(context),
    ...outcomesTable(context),
    ...personOutcomesSection(context),
    // Where the effect comes from, what it costs, then the check of the design.
    ...compositionSection(context),
    ...costEffectivenessSection(context),
    ...balanceSection(context),
    ...censoringSection(context),
    ...warningsSection(context),
    ...methodsSection(context),
    ...provenanceSection(context),
  ];
  return { lang: context.strings.htmlLang, title: titleWithDisclosureMark(results, context.strings.title), blocks: numbered(blocks, context.strings) };
}

/**
 * Tables and figures numbered in reading order, so a section that is absent
 * from a run (no costs, no interactions) leaves no gap. A table without a
 * caption (censoring, provenance) is a listing, not a numbered table.
 */
function numbered(blocks: Block[], strings: ReportStrings): Block[] {
  let tables = 0;
  let figures = 0;
  return blocks.map((block) => {
    if (block.kind === 'table' && block.caption !== '') return { ...block, caption: `${strings.tableLabel(++tables)} ${block.caption}` };
    if (block.kind === 'figure') return { ...block, caption: `${strings.figureLabel(++figures)} ${block.caption}` };
    return block;
  });
}
