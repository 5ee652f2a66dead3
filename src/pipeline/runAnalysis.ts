/**
 * The whole analysis from files to a Results object: read → panel →
 * estimate. Writing the report is the caller's (see report/).
 */
import { basename } from 'node:path';
import { readConfigFile } from '../config/load.js';
import { planFromHeader, resolveConfig } from '../config/resolve.js';
import type { ConfigInput, ResolvedConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import { subgroupLayout } from '../estimate/layout.js';
import { estimate } from '../estimate/estimate.js';
import { buildPanel } from '../panel/buildPanel.js';
import { applyDisclosureControl } from '../disclosure/index.js';
import { readCodes } from '../read/codes.js';
import { readCosts } from '../read/costs.js';
import { readParticipants } from '../read/participants.js';
import { readSpells } from '../read/spells.js';
import { RESULTS_SCHEMA, type InputFile, type Results } from '../results.js';
import { VERSION } from '../version.js';
import type { AnalysisFiles } from './inputs.js';

export interface RunOptions {
  /** Single keys that override the config file (command-line flags). */
  overrides?: ConfigInput;
  /** Progress messages, for the CLI's stderr. */
  onProgress?: (message: string) => void;
  /** Disclosure control on every output (default true; false only inside a secure environment). */
  disclosureControl?: boolean;
}

export async function runAnalysis(files: AnalysisFiles, options: RunOptions = {}): Promise<Results> {
  const progress = options.onProgress ?? (() => {});
  const fromFile = files.config ? await readConfigFile(files.config) : {};
  const raw = mergeOverrides(fromFile, options.overrides ?? {});
  const source = files.config ? basename(files.config) : 'config';
  // Resolve once without columns to check the plan before reading any data.
  const checked = resolveConfig(raw, { source });
  unsupported(checked);

  progress(`reading ${basename(files.participants)}`);
  const { participants, config } = await readParticipants(files.participants, planFromHeader(raw, source));
  const codes = files.codes ? await readCodes(files.codes) : undefined;
  progress(`reading ${basename(files.spells)}`);
  const spells = await readSpells(files.spells, participants, codes, config.columns);
  const costs = files.costs ? await readCosts(files.costs, participants, config.arms, config.columns) : undefined;

  progress(`building the monthly panel for ${participants.count} persons`);
  const panel = buildPanel(participants, spells, config);
  progress(`estimating with ${config.bootstrap.replicates} bootstrap replicates`);
  const groups = subgroupLayout(participants.count, participants.subgroups);
  const estimates = estimate({
    panel,
    arm: participants.arm,
    block: participants.block.codes,
    blockCount: participants.block.levels.length,
    groups,
    config,
  });

  const n: Record<string, number> = {};
  config.arms.forEach((arm) => (n[arm] = 0));
  for (let p = 0; p < participants.count; p++) n[config.arms[participants.arm[p]]]++;
  const inputs: Record<string, InputFile> = {
    participants: provenance(participants.source),
    spells: provenance(spells.source),
  };
  if (codes) inputs.codes = provenance(codes.source);
  if (costs) inputs.costs = provenance(costs.source);
  const warnings = [...estimates.warnings];
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
    warnings,
  };
  return applyDisclosureControl(results, { enabled: options.disclosureControl ?? true });
}

function provenance(source: { file: string; sha256: string; rows: number }): InputFile {
  return { file: source.file, sha256: source.sha256, rows: source.rows };
}

/** Refuses plans whose methods later parts of the product bring. */
function unsupported(config: ResolvedConfig): void {
  if (config.estimator !== 'diff') throw new UsageError(`estimator "${config.estimator}" is not available yet in this version: use "diff"`);
  if (config.bootstrap.ci !== 'percentile') throw new UsageError(`bootstrap.ci "${config.bootstrap.ci}" is not available yet in this version: use "percentile"`);
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
