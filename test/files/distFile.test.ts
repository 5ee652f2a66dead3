import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageFile, workerModule } from '../../src/files/distFile.js';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';

const WORKERS = ['estimate/estimateWorker.js', 'render/chartWorker.js'] as const;

describe('files of the build', () => {
  it('names each worker module by its place beside the sources it is compiled from', () => {
    // From src/ the URL is the module's would-be .js twin of a .ts source.
    for (const path of WORKERS) {
      const file = fileURLToPath(workerModule(path));
      expect(file).toBe(join(ROOT, 'src', path));
      expect(existsSync(file.replace(/\.js$/, '.ts'))).toBe(true);
    }
  });

  it('finds package.json from either build', () => {
    expect(fileURLToPath(packageFile())).toBe(join(ROOT, 'package.json'));
    expect((JSON.parse(readFileSync(packageFile(), 'utf8')) as { name: string }).name).toBe('effekt');
  });
});

// npm test builds before it runs the tests, so the bundle is there.
describe('the command bundle (dist/cli-bundle)', () => {
  const bundle = join(ROOT, 'dist', 'cli-bundle');

  it('holds the command and each worker, side by side, as workerModule expects', () => {
    for (const name of ['main.js', ...WORKERS.map((p) => p.slice(p.lastIndexOf('/') + 1))]) expect(existsSync(join(bundle, name))).toBe(true);
  });

  it('imports nothing of dist/ outside itself, so a thread loads only bundle files', () => {
    const relative = readdirSync(bundle)
      .filter((name) => name.endsWith('.js'))
      .flatMap((name) => [...readFileSync(join(bundle, name), 'utf8').matchAll(/(?:from|import\()\s*["'](\.\.?\/[^"']*)["']/g)].map((m) => `${name}: ${m[1]}`));
    expect(relative.length).toBeGreaterThan(10);
    expect(relative.filter((line) => !/: \.\/chunk-\w+\.js$/.test(line))).toEqual([]);
  });

  it('was built with the bundle flag, so workerModule points into it', () => {
    const text = readdirSync(bundle).map((name) => readFileSync(join(bundle, name), 'utf8')).join('\n');
    expect(text).not.toContain('EFFEKT_BUNDLED');
  });
});

describe('bin/eval.js', () => {
  // A package of stand-ins: each build's main says which it is.
  const standIn = (name: string) => `export async function main() { process.stdout.write('${name}'); return 0; }\n`;
  const packageWith = (files: Record<string, string>) =>
    tempDir({ 'bin/eval.js': readFileSync(join(ROOT, 'bin', 'eval.js'), 'utf8'), 'package.json': '{"type":"module"}\n', ...files });
  const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin', 'eval.js')], { encoding: 'utf8' });
  const age = (dir: string, file: string, seconds: number) => utimesSync(join(dir, file), seconds, seconds);

  it('runs the bundle, or dist/ where the bundle is missing or older than dist/ (tsc run alone since)', () => {
    const both = packageWith({ 'dist/cli/main.js': standIn('modules'), 'dist/cli-bundle/main.js': standIn('bundle') });
    age(both, 'dist/cli/main.js', 1_000_000);
    age(both, 'dist/cli-bundle/main.js', 2_000_000);
    expect(run(both).stdout).toBe('bundle');
    age(both, 'dist/cli/main.js', 3_000_000);
    expect(run(both).stdout).toBe('modules');
    expect(run(packageWith({ 'dist/cli/main.js': standIn('modules') })).stdout).toBe('modules');
  });

  it('says how to build it when nothing is built', () => {
    const result = run(packageWith({}));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('effekt is not built');
  });
});
