/**
 * describe.html and describe.md as one list of renderer-neutral blocks (the
 * report's Block type), so the two formats cannot drift apart.
 */
import { fixed, formatCount, MISSING_MARK, SUPPRESSED_MARK } from '../report/format.js';
import type { TableBlock } from '../report/document.js';
import { TOTAL_LABEL } from './describeCsv.js';
import { MISSING_LABEL } from './levels.js';
import type { CountValue, DescribeResult, Table1Row, Table1Value, Tabulation } from './types.js';

export type DescribeBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | TableBlock;

export interface DescribeDocument {
  lang: string;
  title: string;
  blocks: DescribeBlock[];
}

const TITLE = 'Population comparison';

export function describeDocument(result: DescribeResult): DescribeDocument {
  const small = result.min_cell_size - 1;
  const blocks: DescribeBlock[] = [
    { kind: 'heading', level: 1, text: TITLE },
    {
      kind: 'paragraph',
      text:
        `Table 1 compares ${result.populations.length} population${result.populations.length === 1 ? '' : 's'} (${result.populations.map((p) => p.name).join('; ')}); ` +
        'the tabulations count each population by municipality (or block). ' +
        (small >= 1
          ? `Disclosure control: counts of 1–${small} persons are suppressed (${SUPPRESSED_MARK}), and further cells wherever a suppressed count could otherwise be worked out from the others and the totals, within and across the tables of a population. ` +
            `A municipality of 1–${small} persons is hidden whole, zeros included, since its zeros would tell which categories its persons are in.`
          : 'Disclosure control: the minimum cell size is 1, so no count is suppressed.'),
    },
  ];
  if (result.warnings.length > 0) blocks.push({ kind: 'heading', level: 2, text: 'Warnings' }, { kind: 'list', items: result.warnings });
  blocks.push({ kind: 'heading', level: 2, text: 'Table 1' }, table1Block(result));
  for (const population of result.populations) {
    const tabs = result.tabulations.filter((t) => t.population === population.name);
    if (tabs.length === 0) continue;
    blocks.push({ kind: 'heading', level: 2, text: `Tabulations: ${population.name}` }, ...tabs.map(tabulationBlock));
  }
  blocks.push(...columnsSection(result), ...provenanceSection(result));
  return { lang: 'en', title: TITLE, blocks };
}

function table1Block(result: DescribeResult): TableBlock {
  return {
    kind: 'table',
    caption: 'Table 1. Population characteristics: N, means and shares',
    head: ['Variable', ...result.populations.map((p) => p.name)],
    rows: result.table1.map((row) => [rowLabel(row, result), ...row.values.map((v) => valueText(row, v))]),
    numeric: [false, ...result.populations.map(() => true)],
    note:
      'Means are over persons with a value; shares of K and of each category are of all persons in the population, ' +
      `shares of a 0/1 column of persons with a value. ${SUPPRESSED_MARK} suppressed (disclosure control). ` +
      'Blank: the population has no such column, or no person has a value.',
  };
}

function rowLabel(row: Table1Row, result: DescribeResult): string {
  const kind = result.columns.find((c) => c.name === row.variable)?.kind;
  switch (row.statistic) {
    case 'count':
      return 'N (persons)';
    case 'mean':
      return `${row.variable}, mean`;
    case 'missing_share':
      return `${row.variable} missing, share`;
    case 'share':
      if (kind === 'gender') return `female (${row.variable} ${row.level}), share`;
      return kind === 'binary' ? `${row.variable}, share` : `${row.variable} = ${row.level}, share`;
  }
}

function valueText(row: Table1Row, value: Table1Value): string {
  if (!value.present) return MISSING_MARK;
  if (value.suppressed) return SUPPRESSED_MARK;
  if (value.value === null) return MISSING_MARK;
  if (row.statistic === 'count') return formatCount(value.value);
  return row.statistic === 'mean' ? fixed(value.value, 1) : fixed(value.value, 2);
}

function tabulationBlock(tab: Tabulation): TableBlock {
  const label = (level: string | null) => level ?? MISSING_LABEL;
  return {
    kind: 'table',
    caption: `${tab.population}: ${tab.rows_variable} × ${tab.columns_variable === 'age_group' ? 'age group' : tab.columns_variable} (persons)`,
    head: [tab.rows_variable, ...tab.column_levels.map(label), TOTAL_LABEL],
    rows: [
      ...tab.rows.map((row) => [label(row.level), ...row.cells.map(countText), countText(row.total)]),
      [TOTAL_LABEL, ...tab.total.cells.map(countText), countText(tab.total.total)],
    ],
    numeric: [false, ...tab.column_levels.map(() => true), true],
  };
}

function countText(value: CountValue): string {
  return value.suppressed || value.count === null ? SUPPRESSED_MARK : formatCount(value.count);
}

const KIND_TEXT = {
  gender: 'K/M, shown as the share K (female)',
  binary: '0/1, shown as the share of 1',
  numeric: 'numbers, shown as the mean',
  categorical: 'categories, shown as the share of each',
} as const;

function columnsSection(result: DescribeResult): DescribeBlock[] {
  const groups = result.age_groups.map((g) => g.label).join(', ');
  return [
    { kind: 'heading', level: 2, text: 'How the columns were read' },
    {
      kind: 'paragraph',
      text:
        'A column is read as numbers when more than half of its non-empty values are plain decimal numbers (a leading zero, as in a kommun code, marks a code); ' +
        'any other value in it is then a data error. A column mostly of dates is not described. Otherwise it holds categories; a category column whose values are mostly distinct ' +
        '(an identifier or free text) is left out, since its values would be printed. age and lss_daily_activity are always numbers, gender is always K/M; ' +
        `--numeric and --categorical override the rule. Age groups: ${groups === '' ? 'none' : groups}.`,
    },
    { kind: 'list', items: result.columns.map((c) => `${c.name}: ${KIND_TEXT[c.kind]}`) },
    ...(result.excluded_columns.length === 0
      ? []
      : [
          { kind: 'paragraph', text: 'Not described:' } as DescribeBlock,
          { kind: 'list', items: result.excluded_columns.map((c) => `${c.name}: ${c.reason}`) } as DescribeBlock,
        ]),
  ];
}

function provenanceSection(result: DescribeResult): DescribeBlock[] {
  const d = result.disclosure;
  return [
    { kind: 'heading', level: 2, text: 'Provenance' },
    {
      kind: 'paragraph',
      text:
        `${result.tool.name} ${result.tool.version}, schema ${result.schema}. Minimum cell size ${d.min_cell_size}: ` +
        `${d.primary_suppressed} counts suppressed as small, ${d.complementary_suppressed} more to protect them.`,
    },
    {
      kind: 'table',
      caption: '',
      head: ['Population', 'File', 'Rows', 'sha256'],
      rows: result.populations.map((p) => [p.name, p.file, p.rows === null ? SUPPRESSED_MARK : formatCount(p.rows), p.sha256]),
      numeric: [false, false, true, false],
    },
  ];
}
