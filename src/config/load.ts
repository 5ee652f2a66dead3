import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../errors.js';

/** Reads a config file's JSON; the caller resolves it with resolveConfig. */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${basename(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${basename(path)} is not valid JSON: ${(error as Error).message}`);
  }
}
