/** How the numbers were made, from the resolved config and the rows' own p-value methods. */
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });

export function methodsSection({ results, index, strings, level }: ReportContext): Block[] {
  const { config } = results;
  const m = strings.methods;
  // Each row records how its p-value was computed; describe every method used.
  const pMethods = [...new Set(results.effects.map((row) => row.p_method))].sort();
  const outcomes = index.outcomes().filter((outcome) => Object.hasOwn(config.outcomes, outcome));
  const outcomeBlocks: Block[] =
    outcomes.length === 0
      ? []
      : [paragraph(m.outcomesIntro), { kind: 'list', items: outcomes.map((outcome) => m.outcomeDefinition(outcome, config.outcomes[outcome])) }];

  return [
    { kind: 'heading', level: 2, text: strings.headings.methods },
    paragraph(m.intentionToTreat),
    paragraph(m.months(config.rule) + (config.extractDate === null ? '' : ` ${m.censoring(config.extractDate)}`)),
    ...outcomeBlocks,
    paragraph(`${m.estimator(config.estimator, results.reference)} ${m.standardError(config.estimator)}`),
    paragraph(
      m.bootstrap({
        replicates: formatCount(config.bootstrap.replicates),
        seed: config.bootstrap.seed,
        strata: config.block === null ? m.strataArmOnly : m.strataWithBlock(config.block),
        ci: config.bootstrap.ci,
        level,
      }),
    ),
    ...pMethods.map((method) => paragraph(m.pValue(method, formatCount(config.inference.permutations)))),
    paragraph(m.disclosure(config.minCellSize)),
  ];
}
