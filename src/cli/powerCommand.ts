import { basename } from 'node:path';
import type { Command } from 'commander';
import { readConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { Adjustment, PowerPlan } from '../power/index.js';
import { HELP_DEFAULTS } from './helpDefaults.js';
import { wholeNumber } from './runCommand.js';
import { paint, say } from './terminal.js';

interface PowerFlags {
  p0: string;
  effect?: string;
  n?: string;
  arms?: string;
  ratio?: string;
  alpha: string;
  power: string;
  adjust: string;
  config?: string;
  simulate?: string;
  simulateBootstrap?: string;
  seed: string;
  json?: boolean;
}

export function registerPower(program: Command): void {
  program
    .command('power')
    .description('persons needed to detect an effect on a binary outcome, or the minimum detectable effect for N persons (two-proportion z-test as R power.prop.test)')
    .requiredOption('--p0 <P>', 'share in the outcome in the reference arm, e.g. 0.18')
    .option('--effect <D>', 'difference to detect, p1 = p0 + D: prints the persons needed per arm and in total')
    .option('--n <N>', 'persons in total, split by the ratio: prints the minimum detectable effect (an increase)')
    .option('--arms <K>', 'number of arms, equal shares (default: from --ratio, else 2)')
    .option('--ratio <R>', 'allocation weights, reference arm first, e.g. 1:1:1 or 2:3 (reference 40 %, other arm 60 %)')
    .option('-c, --config <file>', 'take arms, reference and allocation from an analysis plan (when --ratio and --arms are not given)')
    .option('--alpha <A>', 'two-sided significance level of the family', '0.05')
    .option('--power <W>', 'target power of every comparison', '0.8')
    .option('--adjust <method>', `multiplicity over the K − 1 comparisons with the reference: ${HELP_DEFAULTS.powerAdjustments.join(', ')} (bonferroni and holm both plan at α / (K − 1))`, 'none')
    .option('--simulate <R>', 'also simulate R trials of the design and report the empirical power')
    .option('--simulate-bootstrap <B>', "with --simulate: test each simulated trial as eval run does, with the stratified bootstrap's percentile interval (B replicates per trial) instead of the z-test")
    .option('-s, --seed <S>', 'seed of the simulation', '20170331')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  eval power --p0 0.18 --effect 0.08 --ratio 1:1:1 --adjust bonferroni',
        '  eval power --p0 0.18 --n 1063 --arms 3 --adjust bonferroni --simulate 2000',
        '',
        'Exit codes: 0 ok, 1 internal fault, 2 usage error.',
      ].join('\n'),
    )
    .action(async (flags: PowerFlags) => {
      if ((flags.effect === undefined) === (flags.n === undefined)) {
        throw new UsageError('give exactly one of --effect D (prints the persons needed) and --n N (prints the minimum detectable effect)');
      }
      const { ADJUSTMENTS, planPower } = await import('../power/index.js');
      const { arms, ratio } = await armsAndRatio(flags);
      const adjust = flags.adjust as Adjustment;
      if (!ADJUSTMENTS.includes(adjust)) throw new UsageError(`--adjust takes ${ADJUSTMENTS.join(', ')}, got ${JSON.stringify(flags.adjust)}`);
      const plan = planPower({
        p0: decimal(flags.p0, '--p0'),
        effect: flags.effect === undefined ? undefined : decimal(flags.effect, '--effect'),
        totalN: flags.n === undefined ? undefined : wholeNumber(flags.n, '--n'),
        arms,
        ratio,
        alpha: decimal(flags.alpha, '--alpha'),
        power: decimal(flags.power, '--power'),
        adjust,
        simulate:
          flags.simulate === undefined
            ? undefined
            : {
                replicates: wholeNumber(flags.simulate, '--simulate'),
                seed: wholeNumber(flags.seed, '--seed'),
                bootstrapReplicates: flags.simulateBootstrap === undefined ? undefined : wholeNumber(flags.simulateBootstrap, '--simulate-bootstrap'),
              },
      });
      describePlan(plan);
      if (flags.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    });
}

/** Arm names (reference first) and weights from --ratio / --arms, else the config, else two equal arms. */
async function armsAndRatio(flags: PowerFlags): Promise<{ arms: string[]; ratio: number[] }> {
  const { parseRatio } = await import('../power/index.js');
  const count = flags.arms === undefined ? undefined : wholeNumber(flags.arms, '--arms');
  if (count !== undefined && count < 2) throw new UsageError(`--arms takes a whole number ≥ 2, got ${count}`);
  const ratio = flags.ratio === undefined ? undefined : parseRatio(flags.ratio);
  if (ratio && count !== undefined && ratio.length !== count) {
    throw new UsageError(`--arms ${count} and --ratio ${flags.ratio} (${ratio.length} arms) disagree`);
  }
  if (ratio || count !== undefined || flags.config === undefined) {
    const weights = ratio ?? new Array<number>(count ?? 2).fill(1);
    return { arms: weights.map((_, i) => `arm${i + 1}`), ratio: weights };
  }
  const config = resolveConfig(await readConfigFile(flags.config), { source: basename(flags.config) });
  const arms = [config.reference, ...config.arms.filter((a) => a !== config.reference)];
  const missing = arms.filter((a) => !(a in config.allocation));
  if (missing.length > 0) throw new UsageError(`${basename(flags.config)}: allocation gives no share for ${missing.join(', ')}`);
  return { arms, ratio: arms.map((a) => config.allocation[a]) };
}

function decimal(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flag} takes a number, got ${JSON.stringify(text)}`);
  return value;
}

function describePlan(plan: PowerPlan): void {
  const others = plan.arms.slice(1);
  const level =
    plan.adjust === 'none' || plan.comparisons === 1
      ? `α ${plan.alpha}`
      : `α ${plan.alpha}, ${plan.adjust} over ${plan.comparisons} comparisons: ${round(plan.alphaPerComparison, 5)} each`;
  say(paint.dim(`${plan.test}`));
  say(paint.dim(`${plan.arms.length} arms ${plan.ratio.join(':')} (${plan.arms.join(', ')}; reference ${plan.reference}), ${level}, power ${plan.power}`));
  const sizes = plan.arms.map((a) => `${a} ${plan.perArm[a]}`).join(', ');
  if (plan.mode === 'sample-size') {
    say(`${paint.bold('persons needed')} to detect p0 ${plan.p0} → p1 ${round(plan.p1, 4)} (effect ${signed(plan.effect)}): ${sizes}; ${plan.total} in total`);
    const exact = plan.arms.map((a) => round(plan.exactPerArm![a], 2)).join(' / ');
    say(`  exact ${exact}, rounded up; power at these sizes ${others.map((a) => `${a} ${round(plan.powerByComparison[a], 4)}`).join(', ')}`);
  } else {
    say(`${paint.bold('minimum detectable effect')} with ${plan.total} persons (${sizes}): ${signed(plan.effect)} (p0 ${plan.p0} → p1 ${round(plan.p1, 4)})`);
    if (others.length > 1) say(`  by comparison: ${others.map((a) => `${a} ${signed(plan.effectByComparison![a])}`).join(', ')}`);
  }
  if (plan.simulation) {
    const sim = plan.simulation;
    const shown = others.map((a) => `${a} ${round(sim.power[a], 4)} (MC SE ${round(sim.monteCarloSe[a], 4)}; analytic ${round(plan.powerByComparison[a], 4)})`);
    say(`${paint.bold('simulated power')} over ${sim.replicates} trials (seed ${sim.seed}; ${sim.test}): ${shown.join(', ')}`);
  }
}

function round(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${round(value, 4)}`;
}
