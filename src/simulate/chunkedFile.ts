/**
 * Writes a text file in chunks of about 64 KiB and moves it into place only
 * when complete (write `name.tmp`, then rename), so that a reader never sees
 * a half-written file and a million-person extract never becomes one giant
 * string.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';

const CHUNK_CHARS = 64 * 1024;

export class ChunkedFile {
  private pending = '';

  private constructor(
    private readonly handle: FileHandle,
    private readonly temporaryPath: string,
    private readonly finalPath: string,
  ) {}

  static async create(path: string): Promise<ChunkedFile> {
    const temporaryPath = `${path}.tmp`;
    return new ChunkedFile(await open(temporaryPath, 'w'), temporaryPath, path);
  }

  /**
   * Appends text; resolves at once unless a chunk is full. Callers write in
   * a loop as `if (file.append(line)) await file.drain();` so that awaiting
   * happens once per chunk, not once per line.
   * @returns true when a chunk is ready to be written.
   */
  append(text: string): boolean {
    this.pending += text;
    return this.pending.length >= CHUNK_CHARS;
  }

  /** Writes the pending chunk to disk. */
  async drain(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }

  /** Writes what is pending, closes the file and renames it into place. */
  async commit(): Promise<void> {
    await this.drain();
    await this.handle.close();
    await rename(this.temporaryPath, this.finalPath);
  }

  /** Closes and removes the temporary file after a failure; never throws. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temporaryPath, { force: true }).catch(() => undefined);
  }
}

/** Creates `path` through `fill`, committing on success and removing the temporary file on failure. */
export async function writeChunked(path: string, fill: (file: ChunkedFile) => Promise<void>): Promise<void> {
  const file = await ChunkedFile.create(path);
  try {
    await fill(file);
    await file.commit();
  } catch (error) {
    await file.abandon();
    throw error;
  }
}
