/**
 * Writes an output directory all at once: readers see either the previous
 * complete directory or the new complete one, never a mix, and a failed run
 * leaves the previous results in place (data-contract §6: nothing is changed
 * when a run stops).
 *
 * Files are written and fsynced in a temporary sibling directory (same
 * parent, so renames stay on one file system), then swapped in by rename.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDirectory } from '../files/syncDirectory.js';

export async function writeReportDir(outDir: string, files: Map<string, string | Buffer>): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  for (const relative of files.keys()) assertSafeRelativePath(relative);
  await assertDirectoryOrAbsent(target);
  await mkdir(parent, { recursive: true });

  const tmp = join(parent, `${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp);
  try {
    const placed = [...files].map(([relative, content]) => ({ file: join(tmp, ...relative.split('/')), content }));
    const directories = new Set<string>([tmp, ...placed.map(({ file }) => dirname(file))]);
    for (const directory of directories) await mkdir(directory, { recursive: true });
    // Files are written and synced side by side: one fsync after another
    // would wait for the disk once per file.
    await allSettledOrThrow(placed.map(({ file, content }) => () => writeAndSync(file, content)));
    // Directory entries must reach the disk too, or a crash after the swap
    // could leave a directory with missing files.
    await allSettledOrThrow([...directories].map((directory) => () => syncDirectory(directory)));
    await swapIntoPlace(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  await syncDirectory(parent);
}

/** Map keys are report-relative paths with `/` separators, never absolute and never leaving the directory. */
function assertSafeRelativePath(relative: string): void {
  const parts = relative.split('/');
  if (relative === '' || relative.includes('\\') || relative.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`Output file name ${JSON.stringify(relative)} is not a plain relative path inside the output directory`);
  }
}

async function assertDirectoryOrAbsent(target: string): Promise<void> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info !== undefined && !info.isDirectory()) throw new Error(`Output path ${basename(target)} exists and is not a directory`);
}

/** At most this many files open at once. */
const PARALLEL_WRITES = 16;

/**
 * Runs the tasks, a few at a time, and waits for every one to finish before
 * it throws the first error: nothing may still be writing into the
 * temporary directory when it is removed.
 */
async function allSettledOrThrow(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task().catch((error: unknown) => void errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, tasks.length) }, lane));
  if (errors.length > 0) throw errors[0];
}

async function writeAndSync(file: string, content: string | Buffer): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Old directory → backup name, new one → target, then the backup is removed.
 * If the second rename fails the backup is renamed back, so the old results
 * survive.
 */
async function swapIntoPlace(tmp: string, target: string): Promise<void> {
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await rename(tmp, target);
    return;
  }
  const backup = join(dirname(target), `${basename(target)}.old-${process.pid}-${randomBytes(6).toString('hex')}`);
  await rename(target, backup);
  try {
    await rename(tmp, target);
  } catch (error) {
    await rename(backup, target);
    throw error;
  }
  await rm(backup, { recursive: true, force: true });
}
