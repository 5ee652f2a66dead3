/** How the numbers were made, from the resolved config and the rows' own p-value methods. */
import type { Block } from '../document.js';
import { formatCount } from '../format.js';
import type { ReportContext } from './context.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });

export function methodsSection({ results, index, strings, level }: ReportContext): Block[] {
  const { config } = results;
  const m = strings.methods;
  const interactions = results.interactions ?? [];
  // Each row records how its p-value was computed; describe every method used, the effects' first.
  const pMethods = [...new Set([...sorted(results.effects.map((row) => row.p_method)), ...sorted(interactions.map((row) => row.p_method))])];
  const outcomes = index.outcomes().filter((outcome) => Object.hasOwn(config.outcomes, outcome));
  const outcomeBlocks: Block[] =
    outcomes.length === 0
      ? []
      : [paragraph(m.outcomesIntro), { kind: 'list', items: outcomes.map((outcome) => m.outcomeDefinition(outcome, config.outcomes[outcome])) }];
  const personOutcomes = index.personOutcomes();
  // Holm and the bands are described only when the rows carry them, never from the config alone.
  const holm = results.effects.some((row) => row.p_holm !== undefined);
  const bands = results.effects.some((row) => row.band_low !== undefined || row.band_high !== undefined);
  const covariates = m.covariates(config.estimator, config.covariates, config.block, config.missingCovariates);

  return [
    { kind: 'heading', level: 2, text: strings.headings.methods },
    paragraph(m.intentionToTreat),
    paragraph(m.months(config.rule) + (config.extractDate === null ? '' : ` ${m.censoring(config.extractDate)}`)),
    ...outcomeBlocks,
    ...(personOutcomes.length === 0 ? [] : [paragraph(m.personOutcomes(personOutcomes))]),
    paragraph([m.estimator(config.estimator, results.reference), covariates, m.standardError(config.estimator)].filter((s) => s !== null).join(' ')),
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
    ...(holm ? [paragraph(m.holm(strings.outcome(config.primaryOutcome), config.primaryMonth, index.comparedArms.length))] : []),
    ...(bands ? [paragraph(m.supT(level))] : []),
    ...(interactions.length === 0 ? [] : [paragraph(m.interactions(level))]),
    paragraph(m.disclosure(config.minCellSize)),
  ];
}

/** Distinct methods in a fixed order: the usual ones as the methods text introduces them, then any others by name. */
function sorted(methods: string[]): string[] {
  const known = ['randomization', 'randomization-exact', 'normal', 'bootstrap'];
  const rank = (method: string): number => (known.includes(method) ? known.indexOf(method) : known.length);
  return [...new Set(methods)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
