import { open } from 'node:fs/promises';

/**
 * fsync of a directory, so that a rename inside it survives a crash. Some
 * platforms (Windows) cannot open a directory; then there is nothing to do.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
