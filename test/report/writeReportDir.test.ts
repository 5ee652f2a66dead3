import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReportDir } from '../../src/report/writeReportDir.js';

let parent: string;
let outDir: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'effekt-write-'));
  outDir = join(parent, 'report');
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function writeOldReport(): Promise<void> {
  await mkdir(join(outDir, 'tables'), { recursive: true });
  await writeFile(join(outDir, 'report.html'), 'old report');
  await writeFile(join(outDir, 'tables', 'stale.csv'), 'old table');
}

describe('writeReportDir', () => {
  it('creates the directory with nested files, strings and buffers', async () => {
    await writeReportDir(outDir, new Map<string, string | Buffer>([
      ['report.html', '<p>new</p>'],
      ['tables/shares.csv', 'a,b\n'],
      ['charts/figure1.svg', Buffer.from('<svg/>')],
    ]));
    expect(await readFile(join(outDir, 'report.html'), 'utf8')).toBe('<p>new</p>');
    expect(await readFile(join(outDir, 'tables', 'shares.csv'), 'utf8')).toBe('a,b\n');
    expect(await readFile(join(outDir, 'charts', 'figure1.svg'), 'utf8')).toBe('<svg/>');
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('replaces an existing directory whole: no file of the old one survives', async () => {
    await writeOldReport();
    await writeReportDir(outDir, new Map([['report.html', 'new report'], ['tables/shares.csv', 'x\n']]));
    expect(await readFile(join(outDir, 'report.html'), 'utf8')).toBe('new report');
    expect((await readdir(join(outDir, 'tables'))).sort()).toEqual(['shares.csv']);
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('leaves the old directory untouched and no temporary directory when a write fails midway', async () => {
    await writeOldReport();
    // `data` is written as a file first, so `data/more.csv` cannot be created:
    // the failure happens after some files of the new report exist.
    const files = new Map([['report.html', 'new report'], ['data', 'a file'], ['data/more.csv', 'x']]);
    await expect(writeReportDir(outDir, files)).rejects.toThrow();
    expect(await readFile(join(outDir, 'report.html'), 'utf8')).toBe('old report');
    expect(await readFile(join(outDir, 'tables', 'stale.csv'), 'utf8')).toBe('old table');
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('rejects a path that would leave the directory before writing anything', async () => {
    await writeOldReport();
    for (const bad of ['../escape.txt', '/etc/passwd', 'a//b', 'tables\\x.csv', '']) {
      await expect(writeReportDir(outDir, new Map([['report.html', 'new'], [bad, 'x']]))).rejects.toThrow(/not a plain relative path/);
    }
    expect(await readFile(join(outDir, 'report.html'), 'utf8')).toBe('old report');
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('refuses to replace a file that is not a directory', async () => {
    await writeFile(outDir, 'a file');
    await expect(writeReportDir(outDir, new Map([['report.html', 'new']]))).rejects.toThrow(/not a directory/);
    expect(await readFile(outDir, 'utf8')).toBe('a file');
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('creates a missing parent directory', async () => {
    const nested = join(parent, 'a', 'b', 'report');
    await writeReportDir(nested, new Map([['results.json', '{}\n']]));
    expect(await readFile(join(nested, 'results.json'), 'utf8')).toBe('{}\n');
  });
});
