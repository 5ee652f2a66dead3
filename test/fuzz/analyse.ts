/**
 * One analysis in-process, as `eval run` does it (read → estimate →
 * disclosure control → report files), classified the way the CLI maps
 * errors to exit codes. Faster than spawning the CLI for the many fuzz cases.
 */
import { rmSync } from 'node:fs';
import { DataError, UsageError } from '../../src/errors.js';
import { locateInputs } from '../../src/pipeline/inputs.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { buildReportFiles } from '../../src/report/buildReportFiles.js';
import type { Results } from '../../src/results.js';
import { tempDir } from '../tempFiles.js';
import type { Files } from './hostileExtract.js';

export type Outcome =
  | { kind: 'ok'; results: Results; outputs: Map<string, string | Buffer> }
  | { kind: 'data' | 'usage' | 'internal'; message: string; stack?: string };

export async function analyse(files: Files): Promise<Outcome> {
  const dir = tempDir(files);
  try {
    const results = await runAnalysis(locateInputs(dir));
    return { kind: 'ok', results, outputs: await buildReportFiles(results) };
  } catch (error) {
    if (error instanceof DataError) return { kind: 'data', message: error.message };
    if (error instanceof UsageError) return { kind: 'usage', message: error.message };
    return { kind: 'internal', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For assertion messages: what happened, in one line. */
export function describeOutcome(outcome: Outcome): string {
  return outcome.kind === 'ok' ? 'ok' : `${outcome.kind}: ${outcome.message.slice(0, 300)}${outcome.kind === 'internal' ? `\n${outcome.stack ?? ''}` : ''}`;
}
