/**
 * Cost-effectiveness: incremental cost and person-months
 * against the reference for every subgroup, the ICER where it means
 * something (and in words why not where it does not), net benefit at the
 * configured value, and the acceptability curve. Absent without costs.
 */
import { ceacData } from '../../render/ceacSpec.js';
import type { CostEffectivenessRow } from '../../results.js';
import type { Block } from '../document.js';
import { formatCount, formatPoints } from '../format.js';
import { formatMonths, formatSek, shown, withInterval } from './analysisFormat.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

export function costEffectivenessSection(context: ReportContext): Block[] {
  const { results, index, strings, level } = context;
  const section = results.cost_effectiveness;
  if (section === undefined) return [];
  const words = strings.costEffectiveness;
  const joiner = strings.intervalJoiner;
  const outcome = strings.outcome(section.outcome);
  const lambda = section.value_per_work_month;

  const sek = (row: CostEffectivenessRow, value: number | null) => shown(value, row.suppressed, formatSek);
  const months = (row: CostEffectivenessRow, value: number | null) => shown(value, row.suppressed, formatMonths);
  const points = (row: CostEffectivenessRow, value: number | null) => shown(value, row.suppressed, formatPoints);
  const icerCell = (row: CostEffectivenessRow) =>
    row.icer_work_months !== null ? formatSek(row.icer_work_months) : row.suppressed ? '–' : words.notMeaningful;

  const rows = index.subgroups().flatMap((subgroup) =>
    section.rows
      .filter((row) => row.subgroup === subgroup)
      .map((row) => [
        strings.subgroupLabel(row.subgroup),
        row.arm,
        withInterval(sek(row, row.delta_cost), nullable(row.delta_cost_ci_low, formatSek), nullable(row.delta_cost_ci_high, formatSek), joiner),
        withInterval(months(row, row.delta_work_months), nullable(row.delta_work_months_ci_low, formatMonths), nullable(row.delta_work_months_ci_high, formatMonths), joiner),
        withInterval(points(row, row.delta_share), nullable(row.delta_share_ci_low, formatPoints), nullable(row.delta_share_ci_high, formatPoints), joiner),
        icerCell(row),
        ...(lambda === null ? [] : [withInterval(sek(row, row.net_benefit), nullable(row.net_benefit_ci_low, formatSek), nullable(row.net_benefit_ci_high, formatSek), joiner)]),
      ]),
  );
  const c = words.columns;
  const head = [strings.columns.subgroup, strings.columns.arm, c.deltaCost, c.deltaWorkMonths, c.deltaShare(section.primary_month), c.icer];
  if (lambda !== null) head.push(c.netBenefit(formatSek(lambda)));

  const all = section.rows.filter((row) => row.subgroup === 'all');
  const reference = index.reference;
  const firstAll = all.find((row) => !row.suppressed);
  const means = firstAll
    ? [
        { arm: reference, cost: formatSek(firstAll.reference_cost!), workMonths: formatMonths(firstAll.reference_work_months!) },
        ...all.filter((row) => !row.suppressed).map((row) => ({ arm: row.arm, cost: formatSek(row.cost!), workMonths: formatMonths(row.work_months!) })),
      ]
    : [];
  const icerSentences = all.map((row) => {
    if (row.suppressed || row.delta_work_months_ci_low === null || row.delta_work_months_ci_high === null) return words.icerUnavailable(row.arm, reference);
    if (row.icer_work_months === null) {
      return words.icerNotMeaningful({ arm: row.arm, reference, level, interval: `${formatMonths(row.delta_work_months_ci_low)} ${joiner} ${formatMonths(row.delta_work_months_ci_high)}` });
    }
    const interval = row.icer_work_months_ci_low === null || row.icer_work_months_ci_high === null ? null : `${formatSek(row.icer_work_months_ci_low)} ${joiner} ${formatSek(row.icer_work_months_ci_high)}`;
    return words.icer({ arm: row.arm, reference, icer: formatSek(Math.abs(row.icer_work_months)), interval, level, fewerMonths: row.delta_work_months! < 0, costsMore: row.delta_cost! > 0 });
  });
  const curve = (ceacData(results)?.values.length ?? 0) > 0;

  return [
    { kind: 'heading', level: 2, text: strings.headings.costEffectiveness },
    { kind: 'paragraph', text: words.intro({ source: section.cost_source, outcome, months: section.months, month: section.primary_month }) },
    ...(means.length > 0 ? [{ kind: 'paragraph', text: words.means(means, outcome, section.months) } as Block] : []),
    withSuppressionNote({ kind: 'table', caption: words.tableCaption(outcome, reference, level), head, rows, numeric: head.map((_, i) => i >= 2) }, context),
    ...icerSentences.map((text): Block => ({ kind: 'paragraph', text })),
    ...(lambda === null ? [{ kind: 'paragraph', text: words.noValue } as Block] : []),
    ...(curve
      ? [
          { kind: 'figure', chart: 'ceac', caption: words.ceacCaption(formatCount(results.config.bootstrap.replicates), reference) } as Block,
          { kind: 'paragraph', text: words.ceacExplained } as Block,
        ]
      : []),
  ];
}

function nullable(value: number | null, format: (value: number) => string): string | null {
  return value === null ? null : format(value);
}

