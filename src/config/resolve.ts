/**
 * Turns a config file's content into a ResolvedConfig (config.md): defaults
 * filled in, every value checked, unknown keys refused so that a typo never
 * falls back silently to a default.
 */
import { UsageError } from '../errors.js';
import { DEFAULT_OUTCOMES, spellTypeIndex } from '../panel/spellTypes.js';
import { parseDay, formatDay } from '../time/days.js';
import type { ConfigInput, ResolvedConfig } from './types.js';

const TOP_LEVEL_KEYS = new Set([
  'arms', 'reference', 'allocation', 'followUpMonths', 'preMonths', 'rule', 'extractDate', 'outcomes',
  'primaryOutcome', 'primaryMonth', 'subgroups', 'block', 'covariates', 'missingCovariates', 'personOutcomes',
  'valuePerWorkMonth', 'estimator', 'bootstrap', 'inference', 'minCellSize', 'lang', 'columns',
]);
const BOOTSTRAP_KEYS = new Set(['replicates', 'seed', 'ci', 'level']);
const INFERENCE_KEYS = new Set(['method', 'permutations']);

export const DEFAULT_ARMS = ['FS', 'SE', 'CM'];

export interface ResolveContext {
  /** Where the config came from, for messages (a file name, not a path). */
  source?: string;
  /** Canonical participant columns present, to default `block`. */
  participantColumns?: readonly string[];
}

/**
 * Checks `input` against config.md and fills in the defaults.
 * @example resolveConfig({ rule: 'any' }).followUpMonths // 15
 */
export function resolveConfig(input: unknown, context: ResolveContext = {}): ResolvedConfig {
  const source = context.source ?? 'config';
  const fail = (key: string, expected: string, value?: unknown): never => {
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
    throw new UsageError(`${source}: key "${key}": expected ${expected}${shown}`);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('(top level)', 'a JSON object', input);
  const raw = input as Record<string, unknown>;
  rejectUnknown(raw, TOP_LEVEL_KEYS, '', source);
  const cfg = raw as ConfigInput;

  const arms = cfg.arms ?? DEFAULT_ARMS;
  if (!isStringArray(arms) || arms.length < 2 || new Set(arms).size !== arms.length) {
    fail('arms', 'at least two distinct arm codes', cfg.arms);
  }
  const reference = cfg.reference ?? (arms.includes('FS') ? 'FS' : arms[0]);
  if (!arms.includes(reference)) fail('reference', `one of the arms ${arms.join(', ')}`, reference);

  const allocation = cfg.allocation ?? Object.fromEntries(arms.map((a) => [a, 1 / arms.length]));
  if (typeof allocation !== 'object' || allocation === null) fail('allocation', 'an object of probabilities by arm', allocation);
  for (const [arm, p] of Object.entries(allocation)) {
    if (!arms.includes(arm)) fail(`allocation.${arm}`, `an arm among ${arms.join(', ')}`);
    if (typeof p !== 'number' || !(p > 0) || p > 1) fail(`allocation.${arm}`, 'a probability in (0, 1]', p);
  }

  const followUpMonths = positiveInteger(cfg.followUpMonths ?? 15, 'followUpMonths', fail);
  const preMonths = cfg.preMonths ?? 0;
  if (!Number.isInteger(preMonths) || preMonths < 0) fail('preMonths', 'a whole number ≥ 0', preMonths);

  const rule = cfg.rule ?? 'end';
  if (rule !== 'end' && rule !== 'any' && rule !== 'majority') fail('rule', '"end", "any" or "majority"', rule);

  let extractDate: string | null = null;
  if (cfg.extractDate !== undefined && cfg.extractDate !== null) {
    const day = typeof cfg.extractDate === 'string' ? parseDay(cfg.extractDate) : undefined;
    if (day === undefined) fail('extractDate', 'a date YYYY-MM-DD', cfg.extractDate);
    extractDate = formatDay(day as number);
  }

  const outcomes = cfg.outcomes ?? (DEFAULT_OUTCOMES as Record<string, string[]>);
  if (typeof outcomes !== 'object' || outcomes === null || Array.isArray(outcomes) || Object.keys(outcomes).length === 0) {
    fail('outcomes', 'an object of outcome name to spell types', outcomes);
  }
  const resolvedOutcomes: Record<string, string[]> = {};
  for (const [name, types] of Object.entries(outcomes)) {
    if (!isStringArray(types) || types.length === 0) fail(`outcomes.${name}`, 'a non-empty list of canonical spell types', types);
    for (const t of types) if (spellTypeIndex(t) < 0) fail(`outcomes.${name}`, 'canonical spell types (data-contract §1)', t);
    resolvedOutcomes[name] = [...types];
  }

  const primaryOutcome = cfg.primaryOutcome ?? (resolvedOutcomes.work ? 'work' : Object.keys(resolvedOutcomes)[0]);
  if (!(primaryOutcome in resolvedOutcomes)) fail('primaryOutcome', `one of the outcomes ${Object.keys(resolvedOutcomes).join(', ')}`, primaryOutcome);
  const primaryMonth = cfg.primaryMonth ?? followUpMonths;
  if (!Number.isInteger(primaryMonth) || primaryMonth < 1 || primaryMonth > followUpMonths) {
    fail('primaryMonth', `a month from 1 to ${followUpMonths}`, primaryMonth);
  }

  const columns = context.participantColumns;
  const subgroups = cfg.subgroups ?? ['gender', 'lss_daily_activity'].filter((c) => !columns || columns.includes(c));
  if (!isStringArray(subgroups)) fail('subgroups', 'a list of participant column names', subgroups);
  let block: string | null;
  if (cfg.block === undefined) block = !columns || columns.includes('block') ? 'block' : null;
  else if (cfg.block === null || typeof cfg.block === 'string') block = cfg.block;
  else block = fail('block', 'a participant column name or null', cfg.block);
  const covariates = cfg.covariates ?? [];
  if (!isStringArray(covariates)) fail('covariates', 'a list of participant column names', covariates);
  const missingCovariates = cfg.missingCovariates ?? 'error';
  if (missingCovariates !== 'error' && missingCovariates !== 'indicator') fail('missingCovariates', '"error" or "indicator"', missingCovariates);
  const personOutcomes = cfg.personOutcomes ?? [];
  if (!isStringArray(personOutcomes)) fail('personOutcomes', 'a list of participant column names', personOutcomes);

  const valuePerWorkMonth = cfg.valuePerWorkMonth ?? null;
  if (valuePerWorkMonth !== null && (typeof valuePerWorkMonth !== 'number' || !Number.isFinite(valuePerWorkMonth))) {
    fail('valuePerWorkMonth', 'a number of SEK', valuePerWorkMonth);
  }
  const estimator = cfg.estimator ?? 'diff';
  if (!['diff', 'blocked', 'ols', 'lin'].includes(estimator)) fail('estimator', '"diff", "blocked", "ols" or "lin"', estimator);

  const bootstrapInput = objectOrEmpty(cfg.bootstrap, 'bootstrap', fail);
  rejectUnknown(bootstrapInput, BOOTSTRAP_KEYS, 'bootstrap.', source);
  const bootstrap = {
    replicates: positiveInteger(bootstrapInput.replicates ?? 2000, 'bootstrap.replicates', fail),
    seed: bootstrapInput.seed ?? 20170331,
    ci: bootstrapInput.ci ?? 'percentile',
    level: bootstrapInput.level ?? 0.95,
  } as ResolvedConfig['bootstrap'];
  if (!Number.isInteger(bootstrap.seed) || bootstrap.seed < 0 || bootstrap.seed > 0xffffffff) {
    fail('bootstrap.seed', 'a whole number from 0 to 4294967295', bootstrap.seed);
  }
  if (!['percentile', 'basic', 'normal', 'bca'].includes(bootstrap.ci)) fail('bootstrap.ci', '"percentile", "basic", "normal" or "bca"', bootstrap.ci);
  if (typeof bootstrap.level !== 'number' || !(bootstrap.level > 0 && bootstrap.level < 1)) fail('bootstrap.level', 'a number between 0 and 1', bootstrap.level);

  const inferenceInput = objectOrEmpty(cfg.inference, 'inference', fail);
  rejectUnknown(inferenceInput, INFERENCE_KEYS, 'inference.', source);
  const inference = {
    method: inferenceInput.method ?? 'randomization',
    permutations: positiveInteger(inferenceInput.permutations ?? 2000, 'inference.permutations', fail),
  } as ResolvedConfig['inference'];
  if (inference.method !== 'randomization' && inference.method !== 'normal') fail('inference.method', '"randomization" or "normal"', inference.method);

  const minCellSize = cfg.minCellSize ?? 5;
  if (!Number.isInteger(minCellSize) || minCellSize < 1) fail('minCellSize', 'a whole number ≥ 1', minCellSize);
  const lang = cfg.lang ?? 'en';
  if (lang !== 'en' && lang !== 'sv') fail('lang', '"en" or "sv"', lang);
  const columnMap = cfg.columns ?? {};
  if (typeof columnMap !== 'object' || columnMap === null || Array.isArray(columnMap)) fail('columns', 'an object of contract name to extract name', columnMap);
  for (const [k, v] of Object.entries(columnMap)) if (typeof v !== 'string' || v === '') fail(`columns.${k}`, 'a column name', v);

  return {
    arms: [...arms],
    reference,
    allocation: { ...allocation },
    followUpMonths,
    preMonths,
    rule,
    extractDate,
    outcomes: resolvedOutcomes,
    primaryOutcome,
    primaryMonth,
    subgroups: [...subgroups],
    block,
    covariates: [...covariates],
    missingCovariates,
    personOutcomes: [...personOutcomes],
    valuePerWorkMonth,
    estimator,
    bootstrap,
    inference,
    minCellSize,
    lang,
    columns: { ...columnMap },
  };
}

function rejectUnknown(obj: Record<string, unknown>, known: Set<string>, prefix: string, source: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) {
      throw new UsageError(`${source}: unknown key "${prefix}${key}" (known keys: ${[...known].map((k) => prefix + k).join(', ')})`);
    }
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');
}

function positiveInteger(value: unknown, key: string, fail: (key: string, expected: string, value?: unknown) => never): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(key, 'a whole number ≥ 1', value);
  return value as number;
}

function objectOrEmpty(value: unknown, key: string, fail: (key: string, expected: string, value?: unknown) => never): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(key, 'an object', value);
  return value as Record<string, unknown>;
}

/**
 * A plan to resolve once a participants header is read, so that defaults
 * that depend on the columns present (`block`, `subgroups`) are right.
 */
export function planFromHeader(input: unknown, source?: string): { columns: Record<string, string>; resolve(columns: string[]): ResolvedConfig } {
  const checked = resolveConfig(input, { source });
  return {
    columns: checked.columns,
    resolve: (participantColumns) => resolveConfig(input, { source, participantColumns }),
  };
}
