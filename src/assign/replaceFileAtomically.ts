/**
 * Replaces a file all at once: readers, and a run that is interrupted, see
 * either the old file or the complete new one, never a half-written one.
 * The content goes to a temporary file in the same directory (so the rename
 * stays on one file system), is fsynced, and is renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDirectory } from '../files/syncDirectory.js';

export interface ReplaceHooks {
  /**
   * Called with the complete, synced temporary file just before the rename;
   * throwing here leaves the target untouched (used to check that no other
   * process changed the target meanwhile, and by tests to simulate a crash).
   */
  beforeRename?: (temporaryPath: string) => Promise<void> | void;
}

export async function replaceFileAtomically(path: string, parts: readonly (string | Buffer)[], hooks: ReplaceHooks = {}): Promise<void> {
  const target = resolve(path);
  const directory = dirname(target);
  // The random part only names the temporary file; it never reaches the output.
  const temporary = join(directory, `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const mode = await stat(target).then((info) => info.mode & 0o777, () => undefined);
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part))));
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}
