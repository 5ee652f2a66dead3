/**
 * Which files an analysis reads: `eval run DIR` finds them by name
 * (data-contract §1), flags name them one by one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export interface AnalysisFiles {
  participants: string;
  spells: string;
  codes?: string;
  costs?: string;
  /** eval.config.json, when there is one. */
  config?: string;
}

export function locateInputs(dir: string | undefined, named: Partial<AnalysisFiles> = {}): AnalysisFiles {
  const inDir = (name: string): string | undefined => {
    if (dir === undefined) return undefined;
    const path = join(dir, name);
    return existsSync(path) ? path : undefined;
  };
  if (dir !== undefined && !existsSync(dir)) throw new UsageError(`analysis directory not found: ${dir}`);
  const files: AnalysisFiles = {
    participants: named.participants ?? inDir('participants.csv') ?? '',
    spells: named.spells ?? inDir('spells.csv') ?? '',
    codes: named.codes ?? inDir('codes.csv'),
    costs: named.costs ?? inDir('costs.csv'),
    config: named.config ?? inDir('eval.config.json'),
  };
  for (const key of ['participants', 'spells'] as const) {
    if (files[key] === '') throw new UsageError(`no ${key}.csv: give a directory that holds it or --${key} FILE`);
    if (!existsSync(files[key])) throw new UsageError(`${key} file not found: ${files[key]}`);
  }
  for (const key of ['codes', 'costs', 'config'] as const) {
    const path = files[key];
    if (path !== undefined && !existsSync(path)) throw new UsageError(`${key} file not found: ${path}`);
  }
  return files;
}
