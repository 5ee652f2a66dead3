import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';
import { runCli as cli, listFiles } from '../runCli.js';

const golden = join(SHARED, 'golden', 'monthly-windows');
const goldenFiles = {
  'participants.csv': readFileSync(join(golden, 'participants.csv'), 'utf8'),
  'spells.csv': readFileSync(join(golden, 'spells.csv'), 'utf8'),
};

describe('eval (command line)', () => {
  it('prints help for the program and for every command, exit 0', () => {
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/run \[options\] \[dir\]/);
    expect(top.stdout).toMatch(/simulate/);
    for (const command of ['run', 'simulate']) {
      const help = cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain('Usage: eval ' + command);
    }
  });

  it('exits 2 on usage errors: an unknown flag, a bad number, an unknown config key', () => {
    expect(cli(['run', '--no-such-flag']).code).toBe(2);
    expect(cli(['simulate', '--n', 'many', '--out', tempDir()]).code).toBe(2);
    const dir = tempDir({ ...goldenFiles, 'eval.config.json': '{ "bootstrap": { "replicats": 10 } }' });
    const result = cli(['run', dir, '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown key "bootstrap.replicats"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 3 on a data error, names the place, and leaves an earlier report untouched', () => {
    const dir = tempDir({ ...goldenFiles, 'eval.config.json': '{ "bootstrap": { "replicates": 20 }, "minCellSize": 1 }' });
    const out = join(dir, 'out');
    expect(cli(['run', dir, '--out', out, '-q']).code).toBe(0);
    const before = readFileSync(join(out, 'results.json'), 'utf8');
    writeFileSync(join(dir, 'participants.csv'), goldenFiles['participants.csv'].replace('G05,SE,2015-06-01', 'G05,XX,2015-06-01'));
    const result = cli(['run', dir, '--out', out]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('participants.csv, line 6, column arm: value "XX": expected one of the configured arms FS, SE, CM');
    expect(result.stdout).toBe('');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('out') && name !== 'out')).toEqual([]);
  });

  it('writes the whole report, byte-identical on a re-run, results on stdout only with --json', () => {
    const dir = tempDir({ ...goldenFiles, 'eval.config.json': '{ "bootstrap": { "replicates": 50 }, "minCellSize": 1, "extractDate": "2016-03-31" }' });
    const first = cli(['run', dir, '--out', join(dir, 'a')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const second = cli(['run', dir, '--out', join(dir, 'b'), '--json']);
    expect(second.code).toBe(0);
    const files = listFiles(join(dir, 'a'));
    expect(files).toEqual(expect.arrayContaining(['report.html', 'report.md', 'results.json', 'charts/figure1.svg', 'charts/figure1.vl.json', 'charts/monthly.svg', 'charts/monthly.vl.json']));
    expect(files.some((f) => f.startsWith('tables/') && f.endsWith('.csv'))).toBe(true);
    expect(listFiles(join(dir, 'b'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f))), f).toBe(true);
    const results = JSON.parse(second.stdout);
    expect(results).toEqual(JSON.parse(readFileSync(join(dir, 'a', 'results.json'), 'utf8')));
    expect(results.schema).toBe('effekt.results/1');
    expect(results.config.extractDate).toBe('2016-03-31');
    expect(results.unmatched_spells).toBe(1);
    // No absolute path of the run's directories in any output.
    for (const f of files) expect(readFileSync(join(dir, 'a', f), 'utf8')).not.toContain(dir);
  });

  it('runs a simulated extract with source codes and an extract date, and no person id reaches any output', () => {
    const dir = tempDir();
    const extract = join(dir, 'extract');
    expect(cli(['simulate', '--n', '300', '--seed', '7', '--out', extract, '-q']).code).toBe(0);
    const config = JSON.parse(readFileSync(join(extract, 'eval.config.json'), 'utf8'));
    expect(config.extractDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(existsSync(join(extract, 'codes.csv'))).toBe(true);
    const out = join(dir, 'report');
    const result = cli(['run', extract, '--out', out, '--replicates', '50', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.inputs.codes.file).toBe('codes.csv');
    expect(results.n.FS + results.n.SE + results.n.CM).toBe(300);
    const ids = readFileSync(join(extract, 'participants.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    const outputs = listFiles(out).map((f) => readFileSync(join(out, f), 'utf8'));
    const leaked = ids.filter((id) => outputs.some((text) => text.includes(id)));
    expect(leaked).toEqual([]);
  });
});
