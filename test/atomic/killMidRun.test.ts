/**
 * Nothing half-written: `eval run` killed with SIGKILL at any moment (no
 * handler can run) leaves the earlier report in --out byte for byte, and the
 * next run still works. Runs the built CLI (npm test builds dist/ first) on a
 * 20,000-person extract, long enough (3–4 s of CPU) to be killed at several
 * points.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateExtract, writeExtract } from '../../src/simulate/index.js';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';

const CLI = join(ROOT, 'bin', 'eval.js');
const PERSONS = 20_000;

let parent: string;
let extract: string;
let out: string;
let earlier: Map<string, Buffer>;

/** Every file under `dir`, relative path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

function expectEarlierReport(when: string): void {
  expect(existsSync(out), `${when}: the report directory is gone`).toBe(true);
  const now = snapshot(out);
  expect([...now.keys()], when).toEqual([...earlier.keys()]);
  for (const [file, bytes] of earlier) expect(now.get(file)!.equals(bytes), `${when}: ${file} changed`).toBe(true);
}

const siblings = (): string[] => readdirSync(parent).filter((name) => name.startsWith('report.'));

/**
 * Starts a full run into `out` and SIGKILLs it when `killWhen` first holds
 * (checked every millisecond). Resolves with whether the kill came before
 * the run ended on its own.
 */
function runAndKill(killWhen: (elapsedMs: number) => boolean): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', extract, '--out', out, '-q'], { stdio: 'ignore' });
    const started = Date.now();
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && killWhen(Date.now() - started)) {
        killed = child.kill('SIGKILL');
        clearInterval(timer);
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ killed, code });
    });
  });
}

beforeAll(async () => {
  parent = tempDir();
  extract = join(parent, 'extract');
  out = join(parent, 'report');
  await writeExtract(extract, simulateExtract({ n: PERSONS, seed: 5 }));
  // A lighter plan than the simulated one (2000 replicates): a run of a few
  // seconds is long enough to be killed at every point below.
  const configFile = join(extract, 'eval.config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  writeFileSync(configFile, JSON.stringify({ ...config, bootstrap: { ...config.bootstrap, replicates: 100 }, inference: { permutations: 100 } }));
  // The earlier report: a quicker run of the same extract.
  const first = spawnSync(process.execPath, [CLI, 'run', extract, '--out', out, '-q', '--replicates', '20'], { encoding: 'utf8' });
  expect(first.status, first.stderr).toBe(0);
  earlier = snapshot(out);
  expect(earlier.has('report.html') && earlier.has('results.json')).toBe(true);
}, 60_000);

describe('a run killed mid-way (SIGKILL)', () => {
  const points: [string, (ms: number) => boolean][] = [
    ['after 0.3 s (reading)', (ms) => ms >= 300],
    ['after 0.8 s (estimating)', (ms) => ms >= 800],
    ['when the temporary sibling appears', () => siblings().some((name) => name.startsWith('report.tmp-') && !stale.has(name))],
    ['while the temporary sibling fills (after its first file)', () => siblings().some((name) => !stale.has(name) && name.startsWith('report.tmp-') && readdirSync(join(parent, name)).length > 0)],
  ];
  const stale = new Set<string>();

  for (const [when, killWhen] of points) {
    it(`leaves the earlier report complete and byte-identical: killed ${when}`, async () => {
      const { killed } = await runAndKill(killWhen);
      expect(killed, `${when}: the run ended before it could be killed`).toBe(true);
      expectEarlierReport(when);
      for (const name of siblings()) stale.add(name);
    }, 30_000);
  }

  it('did leave stale temporary siblings, and none of them inside the report', () => {
    expect([...stale].some((name) => name.startsWith('report.tmp-'))).toBe(true);
    expect(readdirSync(out).some((name) => name.includes('.tmp-') || name.includes('.old-'))).toBe(false);
  });

  it('lets the next run replace the report as usual, whatever stale siblings lie next to it', () => {
    const before = new Set(siblings());
    const next = spawnSync(process.execPath, [CLI, 'run', extract, '--out', out, '-q', '--replicates', '30'], { encoding: 'utf8' });
    expect(next.status, next.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.config.bootstrap.replicates).toBe(30);
    expect(snapshot(out).get('results.json')!.equals(earlier.get('results.json')!)).toBe(false);
    // The new run adds no sibling of its own (stale ones may be cleaned up or left).
    for (const name of siblings()) expect(before.has(name), `new sibling ${name}`).toBe(true);
  }, 30_000);
});
