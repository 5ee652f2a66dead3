/**
 * The error contract as a script sees it (cli.md): exit codes 0 ok, 1
 * internal fault, 2 usage, 3 data; one line per message, a stack trace only
 * with --debug; up to 20 data errors then a count; nothing written on an
 * error. Spawns the built CLI (npm test builds dist/ first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { report } from '../../src/cli/main.js';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';
import { runCli as cli } from '../runCli.js';
import { corrupt, validExtract, type Files } from './hostileExtract.js';

const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** An extract directory and, next to it, an earlier complete report in `out`. */
function withEarlierReport(files: Files) {
  const dir = tempDir(Object.fromEntries(Object.entries(validExtract(5).files)));
  const out = join(dir, 'out');
  const first = cli(['run', dir, '--out', out, '-q']);
  expect(first.code, first.stderr).toBe(0);
  const before = readFileSync(join(out, 'results.json'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return {
    dir,
    out,
    unchanged: () => {
      expect(readFileSync(join(out, 'results.json')).equals(before)).toBe(true);
      expect(readdirSync(dir).filter((name) => name.startsWith('out.'))).toEqual([]);
    },
  };
}

describe('exit 0', () => {
  it('writes the report, prints results.json only with --json, no person_id on stdout', () => {
    const extract = validExtract(6);
    const dir = tempDir(extract.files);
    const result = cli(['run', dir, '--out', join(dir, 'out'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    expect(JSON.parse(result.stdout).schema).toBe('effekt.results/1');
    for (const id of extract.ids) expect(result.stdout.includes(id), id).toBe(false);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

describe('exit 2: usage errors, nothing written', () => {
  const dir = tempDir(validExtract(7).files);
  const cases: [string, string[], (d: string) => void][] = [
    ['an unknown flag', ['--no-such-flag'], () => {}],
    ['a flag value that is not a number', ['--replicates', 'many'], () => {}],
    ['an unknown config key', [], (d) => writeFileSync(join(d, 'eval.config.json'), '{ "bootstrap": { "replicats": 10 } }')],
    ['a config that is not JSON', [], (d) => writeFileSync(join(d, 'eval.config.json'), '{ arms: ')],
  ];
  for (const [name, flags, prepare] of cases) {
    it(name, () => {
      const here = tempDir(validExtract(7).files);
      prepare(here);
      const result = cli(['run', here, '--out', join(here, 'out'), ...flags]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(join(here, 'out'))).toBe(false);
    });
  }
  it('an analysis directory that does not exist', () => {
    const result = cli(['run', join(dir, 'nowhere'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('exit 3: data errors, the earlier report untouched', () => {
  it('lists the first 20 data errors and counts the rest', () => {
    const extract = validExtract(8);
    const lines = extract.files['participants.csv'].toString('utf8').split('\n');
    // 25 rows with an arm that is not configured (plain labels: no quoting to mind).
    let changed = 0;
    for (let i = 1; i < lines.length && changed < 25; i++) {
      const fields = lines[i].split(',');
      if (fields.length < 2) continue;
      fields[1] = 'XX';
      lines[i] = fields.join(',');
      changed++;
    }
    expect(changed).toBe(25);
    const run = withEarlierReport({ 'participants.csv': Buffer.from(lines.join('\n')) });
    const result = cli(['run', run.dir, '--out', run.out, '-q']);
    expect(result.code).toBe(3);
    const stderr = result.stderr.trim().split('\n');
    expect(stderr[0]).toBe('data error: nothing was written');
    expect(stderr.filter((line) => line.includes('column arm: value "XX"'))).toHaveLength(20);
    expect(stderr[stderr.length - 1]).toBe('  … and 5 more data errors');
    expect(stderr).toHaveLength(22);
    run.unchanged();
  });

  it('keeps a 10 MB value from flooding the terminal', () => {
    const extract = validExtract(9);
    const lines = extract.files['participants.csv'].toString('utf8').split('\n');
    lines[2] = lines[2].replace(`,${lines[2].split(',')[1]},`, `,${'Z'.repeat(10 * 1024 * 1024)},`);
    const run = withEarlierReport({ 'participants.csv': Buffer.from(lines.join('\n')) });
    const result = cli(['run', run.dir, '--out', run.out]);
    expect(result.code).toBe(3);
    expect(result.stderr.length).toBeLessThan(2000);
    run.unchanged();
  });

  for (const [corruption, file] of [['utf16le', 'participants.csv'], ['randomBytes', 'participants.csv'], ['missingColumn', 'spells.csv']] as const) {
    it(`${corruption} in ${file}: exit 3, no stack trace`, () => {
      const extract = corrupt(validExtract(10), file, corruption, 10);
      const run = withEarlierReport({ [file]: extract.files[file] });
      const result = cli(['run', run.dir, '--out', run.out]);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).not.toMatch(STACK_LINE);
      run.unchanged();
    });
  }
});

describe('exit 1: internal faults in one line, the stack only with --debug', () => {
  /** Runs main() (which installs the handlers), then lets `fault` go wrong outside any await. */
  function stray(fault: string, debug: boolean) {
    const main = pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href;
    const script = `const { main } = await import(${JSON.stringify(main)});
process.exitCode = await main(['node', 'eval', ${debug ? "'--debug', " : ''}'--version']);
setTimeout(() => { ${fault} }, 5);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stderr: result.stderr };
  }

  it('a thrown value that is not an Error', () => {
    const result = stray("throw 'plain text thrown';", false);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('internal error: plain text thrown (run again with --debug for the stack trace)\n');
  });

  it('a rejected promise nobody awaits', () => {
    const result = stray("Promise.reject(new Error('lost rejection\\nsecond line'));", false);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('internal error: lost rejection (run again with --debug for the stack trace)\n');
  });

  it('an error thrown in a callback, with its stack under --debug', () => {
    const result = stray("throw new TypeError('callback failed');", true);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('internal error: callback failed');
    expect(result.stderr).toMatch(STACK_LINE);
  });
});

describe('report(): whatever was thrown, one line and exit 1', () => {
  let written: string[] = [];
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    written = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  };

  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const odd: [string, unknown, RegExp][] = [
    ['a symbol', Symbol('odd'), /internal error: a value of type symbol was thrown|Symbol\(odd\)/],
    ['an object without a prototype', Object.create(null), /internal error: \{\}/],
    ['a circular object', circular, /internal error: a value of type object was thrown/],
    ['a bigint', 10n, /internal error: a value of type bigint was thrown/],
    ['undefined', undefined, /internal error: undefined/],
    ['an Error without a message', new RangeError(''), /internal error: RangeError/],
    ['a message with control characters and 1 MB of text', new Error(`\u001b[31mred${'y'.repeat(1_000_000)}`), /internal error: \\u001b\[31mredy+… \(\d+ more characters\)/],
  ];
  for (const [name, value, expected] of odd) {
    it(name, () => {
      capture();
      const code = report(value, false);
      vi.restoreAllMocks();
      expect(code).toBe(1);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(expected);
      expect(written[0].trim().split('\n')).toHaveLength(1);
      expect(written[0].length).toBeLessThan(500);
    });
  }
});
