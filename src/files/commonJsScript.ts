/**
 * A CommonJS file run through V8's code cache. Node 20 keeps no compiled
 * code between processes (module.enableCompileCache came with Node 22), so
 * a large dependency is parsed and compiled again by every thread that
 * loads it. Given the cached data of an earlier run (`cacheData`, taken
 * after that run has used the code, so that it holds the functions compiled
 * on the way and not only the top level), V8 skips that work; data from
 * another V8 version or other flags is rejected by V8 itself, and the file
 * is then compiled as usual. Hand-coded because the one package that did
 * this (v8-compile-cache) hooks require for every module and writes its
 * cache to the temporary directory at exit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CommonJsScript {
  /** What the file assigned to module.exports. */
  exports: unknown;
  /** True when cached data was given and V8 did not take it. */
  cacheRejected: boolean;
  /** The code cache of the file as it is compiled now (call after using the code). */
  cacheData(): Buffer;
}

/** Runs `file` (an absolute path) as a CommonJS module of its own, with `cachedData` when given. */
export function runCommonJsFile(file: string, cachedData?: Buffer): CommonJsScript {
  // The same wrapper as Node's own loader, so the file sees the usual module scope.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true, cacheData: () => script.createCachedData() };
}

/** The cached data at `file`, or undefined where there is none. */
export function readCacheData(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
