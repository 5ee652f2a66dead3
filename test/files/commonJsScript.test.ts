import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCacheData, runCommonJsFile } from '../../src/files/commonJsScript.js';
import { tempDir } from '../tempFiles.js';

function moduleFiles(): { file: string; dir: string } {
  const dir = tempDir({
    'helper.cjs': 'module.exports = (x) => x * 3;\n',
    'main.cjs': "const triple = require('./helper.cjs');\nexports.value = triple(14);\nexports.where = [__filename, __dirname];\nexports.add = function add(a, b) { return a + b; };\n",
  });
  return { file: join(dir, 'main.cjs'), dir };
}

describe('runCommonJsFile', () => {
  it('runs a file in the usual module scope: exports, a require relative to the file, __filename and __dirname', () => {
    const { file, dir } = moduleFiles();
    const { exports, cacheRejected } = runCommonJsFile(file) as { exports: { value: number; where: string[] }; cacheRejected: boolean };
    expect(exports.value).toBe(42);
    expect(exports.where).toEqual([file, dir]);
    expect(cacheRejected).toBe(false);
  });

  it('takes the code cache of an earlier run, and runs the same code with it', () => {
    const { file } = moduleFiles();
    const first = runCommonJsFile(file);
    (first.exports as { add(a: number, b: number): number }).add(1, 2);
    const cache = first.cacheData();
    expect(cache.length).toBeGreaterThan(0);
    const again = runCommonJsFile(file, cache);
    expect(again.cacheRejected).toBe(false);
    expect((again.exports as { value: number }).value).toBe(42);
  });

  it('compiles as usual when the cached data is not V8’s (another version, a damaged file)', () => {
    const { file } = moduleFiles();
    const again = runCommonJsFile(file, Buffer.from('not a code cache'));
    expect(again.cacheRejected).toBe(true);
    expect((again.exports as { value: number }).value).toBe(42);
  });

  it('reads no cache where there is no file', () => {
    expect(readCacheData(join(tempDir(), 'missing.cache'))).toBeUndefined();
  });
});
