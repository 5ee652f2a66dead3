/**
 * methods.md: "Given the same inputs, config and seed, the results are
 * identical, whatever the number of threads." The built CLI runs the
 * randomization inference, the composition and the cost-effectiveness on
 * worker threads; EFFEKT_THREADS=1 keeps everything on the main thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { tempDir } from '../tempFiles.js';

describe('results do not depend on the number of threads', () => {
  for (const estimator of ['diff', 'ols']) {
    it(`gives a byte-identical report (results.json, tables, charts) with one thread and with workers (${estimator})`, () => {
      const dir = tempDir();
      const args = (out: string) => ['run', 'fixtures/ae-trial', '--out', join(dir, out), '--replicates', '200', '--permutations', '300', '--estimator', estimator, '--ci', 'bca'];
      const threaded = runCli(args('threads'));
      expect(threaded.code, threaded.stderr).toBe(0);
      // The workers really ran (a failing worker falls back to this thread, and says so).
      expect(threaded.stderr).toContain('randomization inference (300 permutations) in a worker thread');
      expect(threaded.stderr).not.toContain('worker thread failed');
      const single = runCli(args('single'), undefined, { EFFEKT_THREADS: '1' });
      expect(single.code, single.stderr).toBe(0);
      const results = readFileSync(join(dir, 'threads', 'results.json'));
      expect(results.equals(readFileSync(join(dir, 'single', 'results.json')))).toBe(true);
      // The charts too: drawn ahead from provisional results on chart threads, or in line.
      const files = readdirSync(join(dir, 'single'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.map((entry) => entry.name)).toContain('effect_over_time.svg');
      for (const entry of files) {
        const path = join(entry.parentPath, entry.name).slice(join(dir, 'single').length + 1);
        expect(readFileSync(join(dir, 'threads', path)).equals(readFileSync(join(dir, 'single', path))), path).toBe(true);
      }
      expect(JSON.parse(results.toString()).effects[0].p_method).toBe('randomization');
    }, 60_000);
  }
});
