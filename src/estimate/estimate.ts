/**
 * Shares by outcome × subgroup × arm × month, effects of every arm against
 * the reference by the configured estimator, interactions between the two
 * levels of each two-level subgroup variable, and the same for person-level
 * outcomes (methods.md). Pure: typed arrays in, result rows out.
 *
 * One bootstrap (persons resampled within arm × block, replicate b on random
 * stream (seed, b)) serves every statistic, so shares, effects, bands and
 * interactions of a replicate come from the same resample. Intervals follow
 * bootstrap.ci; p-values are randomization inference unless inference.method
 * is `normal`; the primary family gets Holm-adjusted p-values and every
 * effect curve a sup-t simultaneous band.
 *
 * Every row carries its full values; `suppressed: true` marks the rows the
 * primary disclosure rule hides (small cells) and the effects built on them.
 * Nothing is nulled here: disclosure control (src/disclosure) adds the
 * complementary cells and nulls the values of every hidden row. These rows
 * must therefore not be published without passing through
 * applyDisclosureControl.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Panel } from '../panel/buildPanel.js';
import type { EffectRow, InteractionRow, PersonOutcomeRow, ShareRow } from '../results.js';
import { effectBands } from './bands.js';
import { bootstrapGroups, bootstrapShares } from './bootstrap.js';
import { bootstrapInterval, type CellInterval } from './bootstrapInterval.js';
import { countCells } from './counts.js';
import type { CovariateMatrix } from './covariateMatrix.js';
import { normalPValue } from './difference.js';
import { isSmallCell } from './disclosure.js';
import { copyRows, differenceInference, effectDesignFromPanel, refitInference, runClaimedRefits, transposeInto, type ClaimedRefits, type EffectInference, type RefitJob } from './effectInference.js';
import type { EffectDesign } from './engine/effectDesign.js';
import { primaryOutcomeIndex, type ResampleGroups } from './groupMultinomial.js';
import { interactionRows } from './interactions.js';
import { nCell, shareCell, type CellLayout, type SubgroupLayout } from './layout.js';
import { holmAdjust } from './multiplicity.js';
import { weightedMeans } from './personOutcomeMeans.js';
import type { RandomizationPValues } from './randomizationInference.js';
import { runRandomizationJob, type RandomizationJob } from './randomizationJob.js';
import { accelerationFromSums, shareInfluenceSums } from './shareInfluence.js';
import { StratifiedResampler } from './stratifiedResampler.js';
import { allReplicates, replicateCounters, sharedClaims } from '../threads/replicateClaims.js';

export interface PersonOutcomeColumn {
  name: string;
  /** One value per person; NaN where missing. */
  values: Float64Array;
}

export interface EstimateInput {
  panel: Panel;
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  groups: SubgroupLayout;
  /** Covariates of `ols` and `lin` (covariateMatrix); unused by `diff` and `blocked`. */
  covariates?: CovariateMatrix | null;
  personOutcomes?: PersonOutcomeColumn[];
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'bootstrap' | 'minCellSize' | 'inference' | 'estimator'> & Partial<Pick<ResolvedConfig, 'primaryOutcome' | 'primaryMonth'>>;
  /** Keep the replicates in the result, so that other intervals can be asked for without resampling (reinterval). */
  keepReplicates?: boolean;
}

/** The bootstrap distributions behind the intervals (EstimateInput.keepReplicates). */
export interface EstimateReplicates {
  B: number;
  /** Share cells, replicates[cell * B + b]. */
  shares: Float64Array;
  shareSquares: Float64Array | null;
  shareCubes: Float64Array | null;
  /** Monthly effect cells (share-cell layout); the reference arm's are NaN. */
  effects: EffectInference;
  /** Per person-level outcome: its effect cells (subgroup × arm). */
  personEffects: EffectInference[];
  /** Per person-level outcome: replicates of its means (subgroup × arm cells). */
  personMeans: Float64Array[];
  /** personOutcomes row i: its outcome k and mean cell. */
  personMeanRows: { source: number; cell: number }[];
  /** Where effect row i's replicates are: `source` −1 for monthly effects, k for person-level outcome k. */
  effectRows: { source: number; cell: number }[];
  /** Interaction row i: the two effect cells it subtracts (second from first). */
  interactionRows: { source: number; first: number; second: number }[];
}

export interface Estimates {
  shares: ShareRow[];
  effects: EffectRow[];
  interactions: InteractionRow[];
  personOutcomes: PersonOutcomeRow[];
  warnings: string[];
  replicates?: EstimateReplicates;
}

export interface IntervalTally {
  degenerate: number;
  partial: number;
  fellBack: number;
}

/**
 * What an estimate needs besides the input, decided before any work: the
 * effect designs and the randomization jobs, which can then run on another
 * thread while beginEstimate bootstraps (runAnalysis does so).
 */
export interface EstimatePlan {
  monthlyDesign: EffectDesign | null;
  personDesigns: EffectDesign[];
  /** Randomization inference: the monthly design's job (when any) first, then one per person-level outcome; none with inference.method `normal`. */
  jobs: RandomizationJob[];
  monthlyJob: boolean;
  /**
   * Refit replicates shared with another thread through an atomic counter
   * (null when there are no refits or one thread): the designs are the
   * monthly one (for blocked, ols, lin) and then each person-level outcome's.
   */
  sharedRefits: RefitJob | null;
  /** The groups the refit replicates are drawn over (bootstrapGroups; null without refits). */
  resampling: ResampleGroups | null;
}

/** What a plan hands to another thread, and what comes back. */
export type EstimateOffload = Pick<EstimatePlan, 'jobs' | 'sharedRefits'>;
export interface EstimateOffloadResult {
  pValues: RandomizationPValues[];
  claimed: ClaimedRefits | null;
}

/** `threads` > 1 lets another thread claim refit replicates too (sharedRefits); the results are the same. */
export function planEstimate(input: EstimateInput, threads = 1): EstimatePlan {
  const { panel, groups, config } = input;
  const A = config.arms.length;
  const ref = config.arms.indexOf(config.reference);
  const randomization = config.inference.method === 'randomization';
  const needsDesign = config.estimator !== 'diff' || randomization;
  const monthlyDesign = needsDesign ? effectDesignFromPanel(panel, input.arm, input.block, input.blockCount, groups, A, ref, input.covariates ?? null) : null;
  const personDesigns = (input.personOutcomes ?? []).map((column) => personOutcomeDesign(column, input, A, ref));
  const job = (design: EffectDesign): RandomizationJob => ({ design, estimator: config.estimator, seed: config.bootstrap.seed, permutations: config.inference.permutations });
  const jobs = randomization ? [...(monthlyDesign ? [job(monthlyDesign)] : []), ...personDesigns.map(job)] : [];
  const refitDesigns = [...(config.estimator !== 'diff' && monthlyDesign ? [monthlyDesign] : []), ...personDesigns];
  const resampling = refitDesigns.length > 0 ? bootstrapGroups(bootstrapDesign(input)) : null;
  const sharedRefits: RefitJob | null =
    threads > 1 && refitDesigns.length > 0
      ? {
          designs: refitDesigns,
          estimator: config.estimator,
          withMeans: refitDesigns.map((d) => d !== monthlyDesign),
          seed: config.bootstrap.seed,
          replicates: config.bootstrap.replicates,
          counter: replicateCounters(),
          resampling: resampling!,
        }
      : null;
  return { monthlyDesign, personDesigns, jobs, monthlyJob: randomization && monthlyDesign !== null, sharedRefits, resampling };
}

/** The share bootstrap's design; the refits draw over its groups (bootstrapGroups), so both get the same replicates. */
function bootstrapDesign(input: EstimateInput) {
  const { panel, groups, config } = input;
  const layout: CellLayout = { outcomes: panel.outcomes.length, subgroups: groups.labels.length, arms: config.arms.length, months: panel.months.length };
  return { ...input, layout, primaryOutcome: primaryOutcomeIndex(panel, config.primaryOutcome) };
}

/** The whole estimate on this thread. */
export function estimate(input: EstimateInput): Estimates {
  const plan = planEstimate(input);
  return beginEstimate(input, plan).finish(plan.jobs.map(runRandomizationJob));
}

export interface BegunEstimate {
  /** The share rows, final already (finish returns these very rows). */
  readonly shares: ShareRow[];
  /** The rows, given the p-values of the plan's jobs in order (and the refit replicates another thread claimed). */
  finish(pValues: RandomizationPValues[], claimed?: ClaimedRefits | null): Estimates;
}

/** Everything but the randomization p-values: shares, bootstrap, refits (the bulk of the work). */
export function beginEstimate(input: EstimateInput, plan: EstimatePlan): BegunEstimate {
  const { panel, groups, config } = input;
  const A = config.arms.length;
  const ref = config.arms.indexOf(config.reference);
  const shareDesign = bootstrapDesign(input);
  const { layout } = shareDesign;
  const B = config.bootstrap.replicates;
  const level = config.bootstrap.level;
  const method = config.bootstrap.ci;
  // Kept replicates carry the influence sums too, so that BCa can be asked for later.
  const withBca = method === 'bca' || input.keepReplicates === true;
  const tally: IntervalTally = { degenerate: 0, partial: 0, fellBack: 0 };
  const scratch = new Float64Array(B);
  const interval = (estimateValue: number, replicates: Float64Array, acceleration: number, counted: boolean): CellInterval | null => {
    const ci = bootstrapInterval(method, estimateValue, replicates, level, acceleration, scratch);
    if (counted && ci) {
      if (ci.degenerate) tally.degenerate++;
      if (ci.used < B) tally.partial++;
      if (ci.fellBack) tally.fellBack++;
    }
    return ci;
  };

  // Shares and the share bootstrap.
  const counts = countCells(panel, input.arm, groups, layout);
  const shareReps = bootstrapShares({ ...shareDesign, drawGroups: plan.resampling ?? undefined }, config.bootstrap.seed, B).shares;
  const shareInfluence = withBca ? shareInfluenceSums(panel, input.arm, input.block, input.blockCount, groups, layout) : null;
  const suppressed = new Uint8Array(counts.events.length);
  const shares: ShareRow[] = [];
  for (let o = 0; o < layout.outcomes; o++) {
    for (let s = 0; s < layout.subgroups; s++) {
      for (let a = 0; a < A; a++) {
        for (let t = 0; t < layout.months; t++) {
          const cell = shareCell(layout, o, s, a, t);
          const n = counts.n[nCell(layout, s, a, t)];
          const events = counts.events[cell];
          const hidden = isSmallCell(events, n, config.minCellSize);
          suppressed[cell] = hidden ? 1 : 0;
          const share = n === 0 ? NaN : events / n;
          const acceleration = shareInfluence ? accelerationFromSums(shareInfluence.squares[cell], shareInfluence.cubes[cell]) : 0;
          const ci = interval(share, shareReps.subarray(cell * B, (cell + 1) * B), acceleration, !hidden);
          shares.push({
            outcome: panel.outcomes[o],
            subgroup: groups.labels[s],
            arm: config.arms[a],
            month: panel.months[t],
            n,
            events,
            // Nobody observed (every person censored): no share, not a NaN.
            share: n === 0 ? null : share,
            ci_low: ci ? ci.low : null,
            ci_high: ci ? ci.high : null,
            suppressed: hidden,
          });
        }
      }
    }
  }

  // Effects: straight from the shares for `diff`, refitted on every resample otherwise.
  const { monthlyDesign, personDesigns } = plan;
  const monthlyRefit = config.estimator === 'diff' ? null : refitInference(monthlyDesign!, config.estimator, B, withBca);
  const monthly = monthlyRefit?.inference ?? differenceInference(counts, shareReps, B, layout, ref, shareInfluence);

  const personRefits = personDesigns.map((design) => refitInference(design, config.estimator, B, withBca));
  const personMeanReps = personDesigns.map(() => new Float64Array(groups.labels.length * A * B));
  const computedHere = new Uint8Array(B);
  // Replicates are written replicate by replicate (contiguous) and turned
  // cell-major once at the end: a strided write per cell and replicate costs
  // more than the refit of a small design.
  const refits = [...(monthlyRefit ? [monthlyRefit] : []), ...personRefits];
  const rowMajor = refits.map((refit) => new Float64Array(refit.evaluator.cells * B));
  const meanCells = groups.labels.length * A;
  const meansRowMajor = personDesigns.map(() => new Float64Array(meanCells * B));
  if (refits.length > 0) {
    const resampler = new StratifiedResampler(plan.resampling ?? bootstrapGroups(shareDesign));
    const weights = new Float64Array(panel.persons);
    const means = { n: new Float64Array(meanCells), mean: new Float64Array(meanCells) };
    const shared = plan.sharedRefits;
    const claims = shared ? sharedClaims(shared.counter, B, 1) : allReplicates(B);
    for (let b = claims.next(); b >= 0; b = claims.next()) {
      computedHere[b] = 1;
      resampler.draw(config.bootstrap.seed, b, weights);
      refits.forEach((refit, k) => {
        const cells = refit.evaluator.cells;
        refit.evaluator.evaluate(refit.design.arm, weights, rowMajor[k].subarray(b * cells, (b + 1) * cells));
      });
      personDesigns.forEach((design, k) => meansRowMajor[k].set(weightedMeans(design.values, input.arm, groups, A, weights, means).mean, b * meanCells));
    }
  }

  return {
    shares,
    finish(pValues: RandomizationPValues[], claimed?: ClaimedRefits | null): Estimates {
  if (plan.sharedRefits) {
    // What the other thread claimed; should it have failed, its replicates are computed here.
    const other = claimed ?? runClaimedRefits(plan.sharedRefits, Int32Array.from(missingReplicates(computedHere)));
    refits.forEach((refit, k) => copyRows(other.replicates[k], other.indices, rowMajor[k], refit.evaluator.cells));
    personDesigns.forEach((_, k) => copyRows(other.means[(monthlyRefit ? 1 : 0) + k]!, other.indices, meansRowMajor[k], meanCells));
  }
  refits.forEach((refit, k) => transposeInto(rowMajor[k], B, refit.evaluator.cells, refit.inference.replicates));
  personDesigns.forEach((_, k) => transposeInto(meansRowMajor[k], B, meanCells, personMeanReps[k]));
  const monthlyP = plan.monthlyJob ? pValues[0] : null;
  const personP = (k: number) => (pValues.length > 0 ? pValues[(plan.monthlyJob ? 1 : 0) + k] : null);
  const bands = effectBands(monthly.estimates, monthly.replicates, B, {
    curves: layout.outcomes * layout.subgroups * A,
    months: panel.months,
    armOfCurve: (c) => c % A,
    reference: ref,
  }, level);

  const pOf = (inference: EffectInference, p: RandomizationPValues | null, cell: number, a: number) => {
    const value = inference.estimates[cell];
    if (!Number.isFinite(value)) return { p: null, method: p ? 'randomization' : 'normal' };
    if (p) return { p: Number.isNaN(p.p[cell]) ? null : p.p[cell], method: p.exact[a] ? 'randomization-exact' : 'randomization' };
    const se = inference.se[cell];
    return { p: Number.isFinite(se) ? normalPValue(value, se) : null, method: 'normal' };
  };
  const accelerationOf = (inference: EffectInference, cell: number) => (inference.squares && inference.cubes ? accelerationFromSums(inference.squares[cell], inference.cubes[cell]) : 0);
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

  const effects: EffectRow[] = [];
  const effectRowRefs: { source: number; cell: number }[] = [];
  /** One effect row of `inference`'s cell (source −1 monthly, k person-level outcome k), with its interval and p-value. */
  const effectRow = (inference: EffectInference, p: RandomizationPValues | null, source: number, cell: number, outcome: string, s: number, a: number, month: number | null, hidden: boolean): EffectRow => {
    const value = inference.estimates[cell];
    const ci = interval(value, inference.replicates.subarray(cell * B, (cell + 1) * B), accelerationOf(inference, cell), !hidden);
    const pv = pOf(inference, p, cell, a);
    effectRowRefs.push({ source, cell });
    return {
      outcome,
      subgroup: groups.labels[s],
      arm: config.arms[a],
      reference: config.reference,
      month,
      estimator: config.estimator,
      estimate: finiteOrNull(value),
      se: finiteOrNull(inference.se[cell]),
      ci_low: ci ? ci.low : null,
      ci_high: ci ? ci.high : null,
      p: pv.p,
      p_method: pv.method,
      suppressed: hidden,
    };
  };
  const interactionRefs: { source: number; first: number; second: number }[] = [];
  const effectSuppressed = new Uint8Array(monthly.estimates.length);
  for (let o = 0; o < layout.outcomes; o++) {
    for (let s = 0; s < layout.subgroups; s++) {
      for (let a = 0; a < A; a++) {
        if (a === ref) continue;
        for (let t = 0; t < layout.months; t++) {
          const cell = shareCell(layout, o, s, a, t);
          const hidden = suppressed[cell] === 1 || suppressed[shareCell(layout, o, s, ref, t)] === 1;
          effectSuppressed[cell] = hidden ? 1 : 0;
          const { suppressed: rowHidden, ...values } = effectRow(monthly, monthlyP, -1, cell, panel.outcomes[o], s, a, panel.months[t], hidden);
          // Key order as results.json has always had it: the band before `suppressed`.
          effects.push({ ...values, band_low: finiteOrNull(bands.low[cell]), band_high: finiteOrNull(bands.high[cell]), suppressed: rowHidden });
        }
      }
    }
  }

  // Person-level outcomes: means by arm, effects with month null.
  const personOutcomes: PersonOutcomeRow[] = [];
  const personInteractions: InteractionRow[] = [];
  const personInteractionRefs: { source: number; first: number; second: number }[] = [];
  const personMeanRefs: { source: number; cell: number }[] = [];
  personDesigns.forEach((design, k) => {
    const name = input.personOutcomes![k].name;
    const refit = personRefits[k];
    const means = weightedMeans(design.values, input.arm, groups, A, null);
    const meanHidden = new Uint8Array(means.n.length);
    for (let s = 0; s < groups.labels.length; s++) {
      for (let a = 0; a < A; a++) {
        const c = s * A + a;
        const n = means.n[c];
        meanHidden[c] = n > 0 && n < config.minCellSize ? 1 : 0;
        const ci = interval(means.mean[c], personMeanReps[k].subarray(c * B, (c + 1) * B), 0, meanHidden[c] === 0);
        personMeanRefs.push({ source: k, cell: c });
        personOutcomes.push({ outcome: name, subgroup: groups.labels[s], arm: config.arms[a], n, mean: finiteOrNull(means.mean[c]), ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null, suppressed: meanHidden[c] === 1 });
      }
    }
    const inference = refit.inference;
    const p = personP(k);
    const hiddenEffects = new Uint8Array(inference.estimates.length);
    for (let s = 0; s < groups.labels.length; s++) {
      for (let a = 0; a < A; a++) {
        if (a === ref) continue;
        const cell = s * A + a;
        const hidden = meanHidden[cell] === 1 || meanHidden[s * A + ref] === 1;
        hiddenEffects[cell] = hidden ? 1 : 0;
        effects.push(effectRow(inference, p, k, cell, name, s, a, null, hidden));
      }
    }
    const result = interactionRows({ outcomes: [name], labels: groups.labels, arms: config.arms, reference: ref, months: [null], ...inference, suppressed: hiddenEffects }, method, level);
    tally.degenerate += result.degenerate;
    personInteractions.push(...result.rows);
    personInteractionRefs.push(...result.cells.map((pair) => ({ source: k, ...pair })));
  });

  applyHolm(effects, config);
  const monthlyInteractions = interactionRows(
    { outcomes: panel.outcomes, labels: groups.labels, arms: config.arms, reference: ref, months: Array.from(panel.months), ...monthly, suppressed: effectSuppressed },
    method,
    level,
  );
  tally.degenerate += monthlyInteractions.degenerate;
  interactionRefs.push(...monthlyInteractions.cells.map((pair) => ({ source: -1, ...pair })), ...personInteractionRefs);

  const warnings = intervalWarnings(tally, B, method);
  if (monthlyP) warnings.push(...randomizationNotes(monthlyP, config.arms, ref, config.inference.permutations));
  const replicates: EstimateReplicates | undefined = input.keepReplicates
    ? { B, shares: shareReps, shareSquares: shareInfluence?.squares ?? null, shareCubes: shareInfluence?.cubes ?? null, effects: monthly, personEffects: personRefits.map((r) => r.inference), personMeans: personMeanReps, personMeanRows: personMeanRefs, effectRows: effectRowRefs, interactionRows: interactionRefs }
    : undefined;
  return { shares, effects, interactions: [...monthlyInteractions.rows, ...personInteractions], personOutcomes, warnings, ...(replicates ? { replicates } : {}) };
    },
  };
}

function missingReplicates(computed: Uint8Array): number[] {
  const missing: number[] = [];
  computed.forEach((done, b) => done || missing.push(b));
  return missing;
}

function personOutcomeDesign(column: PersonOutcomeColumn, input: EstimateInput, arms: number, reference: number): EffectDesign {
  return {
    persons: input.panel.persons,
    arms,
    reference,
    arm: input.arm,
    block: input.block,
    blocks: input.blockCount,
    covariates: input.covariates?.values ?? new Float64Array(0),
    covariateCount: input.covariates?.count ?? 0,
    groups: input.groups,
    outcomes: 1,
    months: 1,
    values: column.values,
  };
}

/** Holm over the primary family: every non-reference arm, primary outcome, primary month, full sample. */
export function applyHolm(effects: EffectRow[], config: EstimateInput['config']): void {
  if (config.primaryOutcome === undefined || config.primaryMonth === undefined) return;
  const family = effects.filter((e) => e.outcome === config.primaryOutcome && e.month === config.primaryMonth && e.subgroup === 'all' && e.p !== null);
  const adjusted = holmAdjust(family.map((e) => e.p!));
  family.forEach((e, i) => (e.p_holm = adjusted[i]));
}

export function intervalWarnings(tally: IntervalTally, B: number, method: string): string[] {
  const warnings: string[] = [];
  if (tally.degenerate > 0) {
    warnings.push(`${tally.degenerate} intervals come from a degenerate bootstrap distribution (every replicate equal, e.g. a share of 0): the interval is the point estimate.`);
  }
  if (tally.partial > 0) warnings.push(`${tally.partial} intervals use fewer than ${B} replicates: some replicates drew nobody into the cell, or could not estimate it.`);
  if (tally.fellBack > 0) warnings.push(`${tally.fellBack} ${method} intervals were undefined (every replicate on one side of the estimate): the percentile interval is given instead.`);
  return warnings;
}

function randomizationNotes(p: RandomizationPValues, arms: readonly string[], reference: number, permutations: number): string[] {
  const exact = arms.filter((_, a) => a !== reference && p.exact[a]);
  return exact.length > 0 ? [`Randomization p-values for ${exact.join(', ')} are exact: every one of the ${exact.map((a) => p.permutations[arms.indexOf(a)]).join(', ')} possible assignments was visited (no more than the ${permutations} permutations asked for).`] : [];
}
