/**
 * The whole analysis from files to a Results object: read → panel →
 * estimate, with the randomization inference, the balance test, the
 * composition of work and cost-effectiveness computed meanwhile in a worker
 * thread (src/estimate/estimateWorker.ts). Writing the report is the
 * caller's (see report/); a caller can start on the parts that are final
 * before the effects are (RunOptions.onProvisional).
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { balanceInput } from '../balance/balanceInput.js';
import { withholdWithMainShares as withholdBalanceRows } from '../balance/withholdWithMainShares.js';
import { readConfigFile } from '../config/load.js';
import { withholdWithMainShares as withholdCostEffectivenessRows } from '../costEffectiveness/withholdWithMainShares.js';
import { planFromHeader, resolveConfig } from '../config/resolve.js';
import type { ConfigInput } from '../config/types.js';
import { subgroupLayout } from '../estimate/layout.js';
import { beginEstimate, planEstimate, type BegunEstimate, type EstimateInput, type Estimates } from '../estimate/estimate.js';
import type { EstimateWorkerInput, EstimateWorkerOutput } from '../estimate/estimateWorker.js';
import { assessBalance } from '../balance/assessBalance.js';
import type { BalanceSection } from '../results.js';
import { runRandomizationJob } from '../estimate/randomizationJob.js';
import { workerModule } from '../files/distFile.js';
import { startWorker, type OneShotWorker } from '../threads/oneShotWorker.js';
import { covariateMatrix } from '../estimate/covariateMatrix.js';
import { personOutcomeColumns } from '../estimate/personOutcomeColumns.js';
import { buildPanel } from '../panel/buildPanel.js';
import { applyDisclosureControl } from '../disclosure/index.js';
import { readCodes } from '../read/codes.js';
import { describeConventions, inputFileOf } from '../read/conventions.js';
import { readCosts } from '../read/costs.js';
import { readParticipants } from '../read/participants.js';
import { readSpells } from '../read/spells.js';
import { RESULTS_SCHEMA, type InputFile, type Results } from '../results.js';
import { VERSION } from '../version.js';
import type { AnalysisFiles } from './inputs.js';
import { analysisSections, helpWithSections, primaryOutcomePanel, sectionsSharing, type SectionsInput, type SectionsOutput } from '../composition/analysisSections.js';

export interface RunOptions {
  /** Single keys that override the config file (command-line flags). */
  overrides?: ConfigInput;
  /** Progress messages, for the CLI's stderr. */
  onProgress?: (message: string) => void;
  /** Disclosure control on every output (default true; false only inside a secure environment). */
  disclosureControl?: boolean;
  /** Wall time of each stage, for benchmarks only: never part of the results. */
  onStage?: StageListener;
  /**
   * Called once, before the effects' intervals are computed, with the
   * results as far as they are known then (shares, composition,
   * cost-effectiveness, balance; no effects, interactions or person-level
   * outcomes) under the same disclosure control as the final results (not
   * at all should those fail to build: they serve speed only). The sections
   * are ready by then, from the worker's answer or computed in line
   * first. The command renders the charts of those
   * parts meanwhile, for speed only: the final results may differ in
   * anything (suppression settled with the effects, warnings), so whatever
   * is drawn from them must be checked against the final results.
   */
  onProvisional?: (partial: Results) => void;
}

/**
 * Called as each stage ends with its wall time in milliseconds, and for a
 * read stage the size of the file it read. A stage can be reported more than
 * once (the estimate resumes after the worker's results arrive): its parts
 * add up.
 */
export type StageListener = (stage: string, milliseconds: number, bytes?: number) => void;
type Lap = (stage: string, file?: string) => void;

/** Every interval between two laps belongs to the stage named at its end. */
function stageLaps(listener: StageListener | undefined): Lap {
  if (listener === undefined) return () => {};
  let since = performance.now();
  return (stage, file) => {
    listener(stage, performance.now() - since, file === undefined ? undefined : statSync(file).size);
    since = performance.now();
  };
}

export async function runAnalysis(files: AnalysisFiles, options: RunOptions = {}): Promise<Results> {
  const lap = stageLaps(options.onStage);
  // Started first, so that the worker loads its modules while the files are read.
  const estimateWorker = startWorker<EstimateWorkerInput, EstimateWorkerOutput>(workerModule('estimate/estimateWorker.js'), 'estimate');
  lap('workers.start');
  try {
    return await analyse(files, options, estimateWorker, lap);
  } finally {
    estimateWorker?.close();
  }
}

async function analyse(files: AnalysisFiles, options: RunOptions, estimateWorker: OneShotWorker<EstimateWorkerInput, EstimateWorkerOutput> | null, lap: Lap): Promise<Results> {
  const progress = options.onProgress ?? (() => {});
  const fromFile = files.config ? await readConfigFile(files.config) : {};
  const raw = mergeOverrides(fromFile, options.overrides ?? {});
  const source = files.config ? basename(files.config) : 'config';
  // Resolve once without columns to check the plan before reading any data.
  resolveConfig(raw, { source });
  lap('config');

  progress(`reading ${basename(files.participants)}`);
  const { participants, config } = await readParticipants(files.participants, planFromHeader(raw, source));
  lap('read.participants', files.participants);
  progress(describeConventions(participants.source));
  const codes = files.codes ? await readCodes(files.codes) : undefined;
  if (files.codes) lap('read.codes', files.codes);
  if (codes) progress(describeConventions(codes.source));
  progress(`reading ${basename(files.spells)}`);
  const spells = await readSpells(files.spells, participants, codes, config.columns);
  lap('read.spells', files.spells);
  progress(describeConventions(spells.source));
  const costs = files.costs ? await readCosts(files.costs, participants, config.arms, config.columns) : undefined;
  if (files.costs) lap('read.costs', files.costs);
  if (costs) progress(describeConventions(costs.source));

  progress(`building the monthly panel for ${participants.count} persons`);
  const panel = buildPanel(participants, spells, config);
  lap('panel');
  const groups = subgroupLayout(participants.count, participants.subgroups);
  // Balance and cost-effectiveness withhold their own small cells (none
  // without disclosure control, as in the main tables); the composition's
  // cells go through disclosure control with the main tables.
  const ownMinCellSize = options.disclosureControl === false ? 0 : config.minCellSize;
  const ownSectionsInput: SectionsInput = {
    participants: { arm: participants.arm, block: participants.block },
    panel: primaryOutcomePanel(panel, config.primaryOutcome),
    groups,
    costs: costs && { perPerson: costs.perPerson, perArm: costs.perArm, unmatched: costs.unmatched },
    config,
    ownMinCellSize,
  };
  // With a worker, its replicates are in shared memory so that this thread can help once its own estimate is done.
  const sectionsInput: SectionsInput = estimateWorker ? { ...ownSectionsInput, ...sectionsSharing(ownSectionsInput) } : ownSectionsInput;
  progress(`composition of work${costs ? ' and cost-effectiveness' : ''}${estimateWorker ? ' in a worker thread' : ''}`);
  progress(`estimating with ${config.bootstrap.replicates} bootstrap replicates`);
  const participantsFile = basename(files.participants);
  const regression = config.estimator === 'ols' || config.estimator === 'lin';
  const estimateInput: EstimateInput = {
    panel,
    arm: participants.arm,
    block: participants.block.codes,
    blockCount: participants.block.levels.length,
    groups,
    covariates: regression ? covariateMatrix(participants, config.covariates, config.missingCovariates, participantsFile) : null,
    personOutcomes: personOutcomeColumns(participants, config.personOutcomes, participants.source.decimalMark ?? '.', participantsFile),
    config,
  };
  // Randomization inference, the balance test, the sections and a share of
  // the refit replicates run on a worker thread while this one bootstraps;
  // the jobs are pure, so the results are the same on either thread.
  const plan = planEstimate(estimateInput, estimateWorker ? 2 : 1);
  const balanceJob = balanceInput(participants, panel, config, ownMinCellSize);
  const offload: EstimateWorkerInput = { jobs: plan.jobs, sharedRefits: plan.sharedRefits, balance: balanceJob, sections: sectionsInput };
  const offloaded = estimateWorker?.run(offload);
  if (plan.jobs.length > 0) progress(`randomization inference (${config.inference.permutations} permutations)${offloaded ? ' in a worker thread' : ''}`);
  if (balanceJob) progress(`balance of the randomization (${config.inference.permutations} permutations)${offloaded ? ' in a worker thread' : ''}`);
  let sections: SectionsOutput;
  let begun: BegunEstimate;
  let estimates: Estimates;
  let balance: BalanceSection | undefined;
  try {
    begun = beginEstimate(estimateInput, plan);
    lap('estimate');
    if (offloaded) helpWithSections(sectionsInput);
    lap('sections.help');
    const threaded = await offloaded?.catch((error: Error) => void progress(`the worker thread failed (${error.message}): computing here`));
    lap('worker.wait');
    balance = threaded ? threaded.balance : balanceJob && assessBalance(balanceJob);
    // A worker that failed leaves the sections to this thread (a fault then shows with its stack here).
    sections = threaded?.sections ?? analysisSections(ownSectionsInput);
    if (options.onProvisional) {
      const partial = provisional(begun, sections, balance);
      if (partial) options.onProvisional(partial);
      lap('provisional');
    }
    estimates = begun.finish(threaded?.pValues ?? plan.jobs.map(runRandomizationJob), threaded?.claimed);
    lap('estimate.finish');
  } finally {
    estimateWorker?.close();
  }
  const results = assemble(estimates, sections, balance);
  lap('assemble');
  const final = controlled(results);
  lap('disclosure');
  return final;

  /**
   * The results without effects, or undefined where they cannot be built:
   * they serve speed only, and whatever fails here fails again, with its
   * message, on the final results.
   */
  function provisional(begun: BegunEstimate, sections: SectionsOutput, balance: BalanceSection | undefined): Results | undefined {
    try {
      return controlled(assemble({ shares: begun.shares, effects: [], interactions: [], personOutcomes: [], warnings: [] }, sections, balance));
    } catch {
      return undefined;
    }
  }

  function controlled(unprotected: Results): Results {
    return withheldAlongMainShares(applyDisclosureControl(unprotected, { enabled: options.disclosureControl ?? true }));
  }

  /** The Results of these estimates and sections, in the schema's key order. */
  function assemble(estimates: Pick<Estimates, 'shares' | 'effects' | 'interactions' | 'personOutcomes' | 'warnings'>, { composition, costEffectiveness }: SectionsOutput, balance: BalanceSection | undefined): Results {
    const n: Record<string, number | null> = {};
    config.arms.forEach((arm) => (n[arm] = 0));
    for (let p = 0; p < participants.count; p++) n[config.arms[participants.arm[p]]]! += 1;
    const inputs: Record<string, InputFile> = {
      participants: inputFileOf(participants.source),
      spells: inputFileOf(spells.source),
    };
    if (codes) inputs.codes = inputFileOf(codes.source);
    if (costs) inputs.costs = inputFileOf(costs.source);
    const warnings = [...estimates.warnings];
    // The composition's estimate() repeats run-wide warnings; keep only its own.
    for (const warning of composition.warnings) if (!warnings.includes(warning)) warnings.push(`Composition of work: ${warning}`);
    if (costEffectiveness) warnings.push(...costEffectiveness.warnings);
    else warnings.push('No costs.csv: the cost-effectiveness analysis was skipped.');
    if (spells.unmatched > 0) {
      warnings.unshift(`${spells.unmatched} spell rows name a person_id that is not a participant: left out.`);
    }
    const results: Results = {
      schema: RESULTS_SCHEMA,
      tool: { name: 'effekt', version: VERSION },
      config,
      inputs,
      arms: config.arms,
      reference: config.reference,
      n,
      unmatched_spells: spells.unmatched,
      censoring: Array.from(panel.months, (month, t) => ({ month, censored: panel.censored[t] })),
      shares: estimates.shares,
      effects: estimates.effects,
      ...(estimates.interactions.length > 0 ? { interactions: estimates.interactions } : {}),
      ...(estimates.personOutcomes.length > 0 ? { person_outcomes: estimates.personOutcomes } : {}),
      warnings,
      ...(balance ? { balance } : {}),
      composition: composition.section,
      ...(costEffectiveness?.section ? { cost_effectiveness: costEffectiveness.section } : {}),
    };
    return results;
  }
}

/**
 * Balance pre-months and cost-effectiveness person-months repeat or add up
 * main-table shares: what disclosure control hid there (small cells and
 * their complements) is withheld from them too.
 */
function withheldAlongMainShares(results: Results): Results {
  const out = { ...results };
  if (out.balance) out.balance = withholdBalanceRows(out.balance, out.shares, out.config.primaryOutcome);
  if (out.cost_effectiveness) out.cost_effectiveness = withholdCostEffectivenessRows(out.cost_effectiveness, out.shares);
  return out;
}


function mergeOverrides(fromFile: unknown, overrides: ConfigInput): unknown {
  if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile)) return fromFile;
  const merged: Record<string, unknown> = { ...(fromFile as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if ((key === 'bootstrap' || key === 'inference') && typeof value === 'object') {
      merged[key] = { ...((merged[key] as object | undefined) ?? {}), ...value };
    } else merged[key] = value;
  }
  return merged;
}
