/**
 * Balance of the randomization ("Utfall av randomiseringen"): each
 * characteristic's mean by arm with the SMD against the reference, flagged
 * above 0.1, the persons left out for missing values, and the joint
 * randomization test in one sentence. Absent without covariates and
 * pre-randomization months.
 */
import type { BalanceRow } from '../../results.js';
import type { Block } from '../document.js';
import { formatCount, formatP, SUPPRESSED_MARK } from '../format.js';
import { formatMean, formatSmd } from './analysisFormat.js';
import type { ReportContext } from './context.js';
import { withSuppressionNote } from './suppressionNote.js';

export function balanceSection(context: ReportContext): Block[] {
  const { results, index, strings } = context;
  const section = results.balance;
  if (section === undefined) return [];
  const words = strings.balance;
  const reference = index.reference;
  const min = results.config.minCellSize;

  // One table row per characteristic, in the order of the results.
  const variables = new Map<string, BalanceRow[]>();
  for (const row of section.rows) {
    const key = JSON.stringify([row.variable, row.month]);
    variables.set(key, [...(variables.get(key) ?? []), row]);
  }
  const mean = (value: number | null, row: BalanceRow, suppressed: boolean) => (value === null ? (suppressed ? SUPPRESSED_MARK : '') : formatMean(value, row.kind));
  let flagged = 0;
  let compared = 0;
  const rows = [...variables.values()].map((group) => {
    const first = group[0];
    const referenceMean = first.reference_mean === null && first.suppressed ? SUPPRESSED_MARK : mean(first.reference_mean, first, false);
    const cells = index.comparedArms.flatMap((arm) => {
      const row = group.find((r) => r.arm === arm);
      if (row === undefined) return ['', ''];
      if (row.smd !== null) compared++;
      if (row.flagged) flagged++;
      const smd = row.smd === null ? (row.suppressed ? SUPPRESSED_MARK : '') : formatSmd(row.smd) + (row.flagged ? words.flaggedMark : '');
      return [mean(row.mean, row, row.suppressed), smd];
    });
    return [words.variable(first.variable, first.month, strings.outcome), referenceMean, ...cells];
  });
  const head = [
    words.columns.variable,
    words.columns.mean(reference, true),
    ...index.comparedArms.flatMap((arm) => [words.columns.mean(arm, false), words.columns.smd(arm)]),
  ];
  const table = withSuppressionNote({ kind: 'table', caption: words.tableCaption(reference), head, rows, numeric: head.map((_, i) => i > 0) }, context);
  const flagNote = words.flaggedNote(flagged, compared);
  const joint = section.joint;

  return [
    { kind: 'heading', level: 2, text: strings.headings.balance },
    { kind: 'paragraph', text: words.intro },
    { ...table, note: table.note === undefined ? flagNote : `${flagNote} ${table.note}` },
    ...missingSentence(section.rows, index.arms, reference, min, context),
    {
      kind: 'paragraph',
      text:
        joint === null
          ? words.noJoint
          : words.joint({
              statistic: joint.statistic.toFixed(2),
              terms: joint.terms,
              permutations: formatCount(joint.permutations),
              p: formatP(joint.p),
              exact: joint.exact,
              seed: joint.seed,
            }),
    },
  ];
}

/** Which characteristics lost persons to missing values, per arm ("fewer than 5" for a withheld count). */
function missingSentence(rows: BalanceRow[], arms: string[], reference: string, min: number, { strings }: ReportContext): Block[] {
  const words = strings.balance;
  const byVariable = new Map<string, { label: string; counts: Map<string, number | null> }>();
  for (const row of rows) {
    const key = JSON.stringify([row.variable, row.month]);
    const entry = byVariable.get(key) ?? { label: words.variable(row.variable, row.month, strings.outcome), counts: new Map() };
    entry.counts.set(row.arm, row.missing);
    entry.counts.set(reference, row.reference_missing);
    byVariable.set(key, entry);
  }
  const items = [...byVariable.values()]
    .filter((entry) => [...entry.counts.values()].some((count) => count === null || count > 0))
    .map((entry) =>
      words.missingItem(
        entry.label,
        arms
          .filter((arm) => entry.counts.has(arm))
          .map((arm) => `${arm} ${entry.counts.get(arm) === null ? words.fewerThan(min) : formatCount(entry.counts.get(arm)!)}`)
          .join(', '),
      ),
    );
  return items.length === 0 ? [] : [{ kind: 'paragraph', text: words.missing(items) }];
}
