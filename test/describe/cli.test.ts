/**
 * `eval describe` as a script sees it: the built command (npm test builds
 * dist/ first), exit codes, the files written, and what must never be in them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempFiles.js';
import { runCli, listFiles } from '../runCli.js';

const cli = (args: string[]) => runCli(['describe', ...args]);

// Ids that could not occur by chance in any output; a level that a spreadsheet would run.
function population(prefix: string, size: number): string {
  const places = ['Alby', 'Bro', 'Dal', '=HYPERLINK("http://x")'];
  const rows = Array.from({ length: size }, (_, i) =>
    `ZZ${prefix}${String(i).padStart(5, '0')},${i % 3 ? 'K' : 'M'},${19 + (i % 11)},${i % 4 === 0 ? 1 : 0},${['F70-79', 'F80-89', '<b>x</b>'][i % 3]},${places[i % 7 === 6 ? 3 : i % 3]}`);
  return `person_id,gender,age,children,diagnosis_group,municipality\n${rows.join('\n')}\n`;
}

describe('eval describe (command line)', () => {
  it('writes the outputs, byte-identical on a re-run, describe.json on stdout only with --json, no person id anywhere', () => {
    const dir = tempDir({ 'one.csv': population('A', 60), 'two.csv': population('B', 45) });
    const args = [join(dir, 'one.csv'), join(dir, 'two.csv'), '--name', 'First', '--name', 'Second'];
    const first = cli([...args, '--out', join(dir, 'a')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    const second = cli([...args, '--out', join(dir, 'b'), '--json', '-q']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');

    const files = listFiles(join(dir, 'a'));
    expect(files).toEqual([
      'describe.html', 'describe.json', 'describe.md',
      'tables/tab-first-age-group.csv', 'tables/tab-first-diagnosis-group.csv', 'tables/tab-first-gender.csv',
      'tables/tab-second-age-group.csv', 'tables/tab-second-diagnosis-group.csv', 'tables/tab-second-gender.csv',
      'tables/table1.csv',
    ]);
    expect(listFiles(join(dir, 'b'))).toEqual(files);
    for (const file of files) {
      const text = readFileSync(join(dir, 'a', file), 'utf8');
      expect(readFileSync(join(dir, 'b', file), 'utf8'), file).toBe(text);
      expect(text, file).not.toMatch(/ZZ[AB]\d{5}/);
      expect(text, file).not.toContain(dir);
    }
    expect(second.stdout).toBe(readFileSync(join(dir, 'a', 'describe.json'), 'utf8'));
    expect(JSON.parse(second.stdout).populations.map((p: { file: string }) => p.file)).toEqual(['one.csv', 'two.csv']);

    // Text from the data is escaped in HTML and neutralised in CSV.
    const html = readFileSync(join(dir, 'a', 'describe.html'), 'utf8');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    const csv = readFileSync(join(dir, 'a', 'tables', 'tab-first-gender.csv'), 'utf8');
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    for (const line of csv.trimEnd().split('\n')) expect(line).not.toMatch(/(^|,)[=+@]/);
  });

  // Each run starts Node and the whole CLI: few runs here; the library tests cover the other usage errors.
  it('exits 2 on usage errors and writes nothing', () => {
    const dir = tempDir({ 'p.csv': population('C', 20) });
    const file = join(dir, 'p.csv');
    const out = join(dir, 'out');
    for (const args of [
      [file, '--no-such-flag'],
      [file, '--min-cell-size', 'five'],
      [file, '--name', 'A', '--name', 'B'],
    ]) {
      const result = cli([...args, '--out', out]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(existsSync(out), args.join(' ')).toBe(false);
    }
  });

  it('exits 3 on a data error, names the place, and leaves an earlier output untouched', () => {
    const dir = tempDir({ 'p.csv': population('D', 30) });
    const out = join(dir, 'out');
    expect(cli([join(dir, 'p.csv'), '--out', out, '-q']).code).toBe(0);
    const before = readFileSync(join(out, 'describe.json'), 'utf8');
    writeFileSync(join(dir, 'p.csv'), population('D', 30).replace('ZZD00004,K,23,', 'ZZD00004,K,2x,'));
    const result = cli([join(dir, 'p.csv'), '--out', out]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('data error: nothing was written');
    expect(result.stderr).toContain('p.csv, line 6, column age: value "2x": expected a number (age in years)');
    expect(result.stdout).toBe('');
    expect(readFileSync(join(out, 'describe.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['out', 'p.csv']);
  });

  it('runs the population comparison of the bundled fixtures', () => {
    const out = join(tempDir(), 'describe');
    const result = cli([
      'fixtures/ae-trial/participants.csv', 'fixtures/populations/all-activity-compensation.csv', 'fixtures/populations/enhanced-cooperation-elsewhere.csv',
      '--name', 'Study group', '--name', 'All with activity compensation', '--name', 'Enhanced cooperation elsewhere', '--out', out, '--json', '-q',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.populations.map((p: { name: string; n: number }) => [p.name, p.n])).toEqual([
      ['Study group', 1063], ['All with activity compensation', 5000], ['Enhanced cooperation elsewhere', 1295],
    ]);
  });
});
