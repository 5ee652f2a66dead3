import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignParticipants } from '../../src/assign/index.js';
import { planFromHeader } from '../../src/config/resolve.js';
import { DataError, UsageError } from '../../src/errors.js';
import { readParticipants } from '../../src/read/participants.js';
import { tempDir } from '../tempFiles.js';

const MUNICIPALITIES = ['0114', '1280', '1281', '2480'];

/** NEW.csv text for persons from..to (1-based), with block, gender and age. */
function newCsv(from: number, to: number): string {
  const lines = ['person_id,block,gender,age'];
  for (let i = from; i <= to; i++) lines.push(`P${String(i).padStart(4, '0')},${MUNICIPALITIES[(i * 7) % 4]},${i % 3 ? 'K' : 'M'},${19 + (i % 11)}`);
  return `${lines.join('\n')}\n`;
}

async function assign(dir: string, file: string, extra: Partial<Parameters<typeof assignParticipants>[0]> = {}) {
  return assignParticipants({ participants: join(dir, file), log: join(dir, 'log.csv'), seed: 4711, date: '2015-03-02', ...extra });
}

const read = (dir: string, name = 'log.csv') => readFileSync(join(dir, name));

describe('eval assign: the log', () => {
  it('is byte-identical for the same inputs and seed, and differs for another seed', async () => {
    const a = tempDir({ 'new.csv': newCsv(1, 30) });
    const b = tempDir({ 'new.csv': newCsv(1, 30) });
    const c = tempDir({ 'new.csv': newCsv(1, 30) });
    await assign(a, 'new.csv');
    await assign(b, 'new.csv');
    await assign(c, 'new.csv', { seed: 4712 });
    expect(read(a).equals(read(b))).toBe(true);
    expect(read(a).equals(read(c))).toBe(false);
    expect(read(a).toString('utf8').split('\n')[0]).toBe('person_id,arm,randomized_on,block,gender,age');
  });

  it('assigning 10 and then 20 more gives exactly the log of assigning all 30 at once', async () => {
    const once = tempDir({ 'all.csv': newCsv(1, 30) });
    await assign(once, 'all.csv');
    const twice = tempDir({ 'first.csv': newCsv(1, 10), 'second.csv': newCsv(11, 30) });
    const first = await assign(twice, 'first.csv');
    const afterFirst = read(twice);
    const second = await assign(twice, 'second.csv');
    expect(first.assigned).toBe(10);
    expect(second.assigned).toBe(20);
    expect(read(twice).equals(read(once))).toBe(true);
    // The second run kept the first run's bytes as they were and only added lines.
    expect(read(twice).subarray(0, afterFirst.length).equals(afterFirst)).toBe(true);
    // Overlapping batches too: persons already in the log take no place in a block.
    const overlapping = tempDir({ 'first.csv': newCsv(1, 12), 'second.csv': newCsv(9, 30) });
    await assign(overlapping, 'first.csv');
    expect((await assign(overlapping, 'second.csv')).alreadyAssigned).toBe(4);
    expect(read(overlapping).equals(read(once))).toBe(true);
  });

  it('re-running with the same persons is a no-op; persons already in the log are counted by line, not drawn again', async () => {
    const dir = tempDir({ 'new.csv': newCsv(1, 12), 'mixed.csv': newCsv(9, 15) });
    await assign(dir, 'new.csv');
    const before = read(dir);
    const again = await assign(dir, 'new.csv');
    expect(again).toMatchObject({ assigned: 0, alreadyAssigned: 12, written: false, logPersons: 12 });
    expect(again.alreadyAssignedLines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(read(dir).equals(before)).toBe(true);
    const mixed = await assign(dir, 'mixed.csv');
    expect(mixed).toMatchObject({ assigned: 3, alreadyAssigned: 4, alreadyAssignedLines: [2, 3, 4, 5], logPersons: 15, written: true });
    expect(JSON.stringify(mixed)).not.toContain('P0009');
  });

  it('is a participants.csv that readParticipants accepts, with every person once and the counts of the summary', async () => {
    const dir = tempDir({ 'new.csv': newCsv(1, 40) });
    const summary = await assign(dir, 'new.csv');
    const { participants, config } = await readParticipants(join(dir, 'log.csv'), planFromHeader({}));
    expect(participants.count).toBe(40);
    expect(config.block).toBe('block');
    const byArm = config.arms.map((_, k) => participants.arm.filter((a) => a === k).length);
    expect(byArm).toEqual(config.arms.map((arm) => summary.byArm[arm]));
    expect(Object.values(summary.byStratum).reduce((s, counts) => s + Object.values(counts).reduce((t, n) => t + n, 0), 0)).toBe(40);
  });

  it('follows a waiting-list config: arms NOW/WAIT, 60/40 in every completed block of five per stratum', async () => {
    const config = { arms: ['NOW', 'WAIT'], reference: 'WAIT', allocation: { NOW: 0.6, WAIT: 0.4 } };
    const dir = tempDir({ 'new.csv': newCsv(1, 60) });
    const summary = await assign(dir, 'new.csv', { config });
    expect(summary.blockLength).toBe(5);
    const rows = read(dir).toString('utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    for (const block of MUNICIPALITIES) {
      const arms = rows.filter((r) => r[3] === block).map((r) => r[1]);
      for (let start = 0; start + 5 <= arms.length; start += 5) expect(arms.slice(start, start + 5).filter((a) => a === 'NOW')).toHaveLength(3);
    }
    const { participants } = await readParticipants(join(dir, 'log.csv'), planFromHeader(config));
    expect(participants.count).toBe(60);
  });

  it('leaves the old log byte-identical and no temporary file when the run fails before the rename', async () => {
    const dir = tempDir({ 'first.csv': newCsv(1, 10), 'second.csv': newCsv(11, 20) });
    await assign(dir, 'first.csv');
    const before = read(dir);
    const crash = (oldLength: number) => async (temporary: string) => {
      // The complete new content is on disk under the temporary name when the "crash" comes.
      expect(readFileSync(temporary).length).toBeGreaterThan(oldLength);
      throw new Error('simulated crash');
    };
    await expect(assign(dir, 'second.csv', { hooks: { beforeRename: crash(before.length) } })).rejects.toThrow('simulated crash');
    expect(read(dir).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['first.csv', 'log.csv', 'second.csv']);
    // Nor is a new log created by a failed first run.
    const fresh = tempDir({ 'new.csv': newCsv(1, 5) });
    await expect(assign(fresh, 'new.csv', { hooks: { beforeRename: crash(0) } })).rejects.toThrow('simulated crash');
    expect(readdirSync(fresh)).toEqual(['new.csv']);
  });

  it('refuses to overwrite a log another process changed meanwhile', async () => {
    const dir = tempDir({ 'first.csv': newCsv(1, 10), 'second.csv': newCsv(11, 20) });
    await assign(dir, 'first.csv');
    const theirs = `${read(dir).toString('utf8')}Q0001,FS,2015-03-02,0114,K,20\n`;
    const other = () => writeFileSync(join(dir, 'log.csv'), theirs);
    await expect(assign(dir, 'second.csv', { hooks: { beforeRename: other } })).rejects.toThrow(/changed/);
    expect(read(dir).toString('utf8')).toBe(theirs);
  });

  it('keeps an existing log\'s delimiter, line ends and last line without a newline', async () => {
    const old = 'person_id;arm;randomized_on;block;gender;age\r\nQ1;SE;2015-01-05;0114;M;30';
    const dir = tempDir({ 'log.csv': old, 'new.csv': newCsv(1, 3) });
    await assign(dir, 'new.csv');
    const text = read(dir).toString('utf8');
    expect(text.startsWith(`${old}\r\n`)).toBe(true);
    const added = text.slice(old.length + 2).split('\r\n');
    expect(added).toHaveLength(4);
    expect(added[3]).toBe('');
    expect(added[0]).toMatch(/^P0001;(FS|SE|CM);2015-03-02;2480;K;20$/);
  });

  it('takes randomized_on from the file, --date only for empty cells, and needs one of them', async () => {
    const dir = tempDir({
      'dated.csv': 'person_id,block,randomized_on\nA1,0114,2015-02-01\nA2,0114,\nA3,0114,20150203\n',
      'undated.csv': 'person_id,block\nB1,0114\n',
    });
    await assign(dir, 'dated.csv', { date: '2015-02-02' });
    const dates = read(dir).toString('utf8').trim().split('\n').slice(1).map((line) => line.split(',')[2]);
    expect(dates).toEqual(['2015-02-01', '2015-02-02', '2015-02-03']);
    await expect(assign(dir, 'undated.csv', { date: undefined, log: join(dir, 'other.csv') })).rejects.toThrow(UsageError);
  });

  it('names the line, never the id, for duplicates and other data errors, and leaves the log alone', async () => {
    const dir = tempDir({
      'dup.csv': 'person_id,block\nSECRET1,0114\nSECRET2,0114\nSECRET1,1280\n',
      'arm.csv': 'person_id,block,arm\nC1,0114,FS\n',
      'noblock.csv': 'person_id,block\nD1,\n',
      'extra.csv': newCsv(3, 4).replace('gender,age', 'gender,income'),
      'first.csv': newCsv(1, 2),
    });
    const failure = await assign(dir, 'dup.csv').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataError);
    expect((failure as DataError).message).toBe('dup.csv, line 4, column person_id: expected a person id not already on line 2 (duplicate)');
    expect(readdirSync(dir)).not.toContain('log.csv');
    await expect(assign(dir, 'arm.csv')).rejects.toThrow(/no arm column/);
    await expect(assign(dir, 'noblock.csv')).rejects.toThrow(/line 2, column block: value "": expected a randomization block/);
    await assign(dir, 'first.csv');
    const before = read(dir);
    const mismatch = (await assign(dir, 'extra.csv').catch((error: unknown) => error)) as DataError;
    expect(mismatch.message).toContain('column age: expected a column age, which the log log.csv has');
    expect(mismatch.message).toContain('column income: expected only columns the log log.csv has');
    expect(read(dir).equals(before)).toBe(true);
  });

  it('refuses to append non-ASCII text to a log that is not UTF-8, and appends ASCII to it unchanged', async () => {
    const latin1 = Buffer.from('person_id,arm,randomized_on,block,ort\nQ1,SE,2015-01-05,0114,V\xe4xj\xf6\n', 'latin1');
    const dir = tempDir({ 'log.csv': latin1, 'new.csv': 'person_id,block,ort\nR1,0114,Malm\u00f6\n', 'ascii.csv': 'person_id,block,ort\nR2,0114,Lund\n' });
    await expect(assign(dir, 'new.csv')).rejects.toThrow(/save it as UTF-8/);
    expect(read(dir).equals(latin1)).toBe(true);
    await assign(dir, 'ascii.csv');
    expect(read(dir).subarray(0, latin1.length).equals(latin1)).toBe(true);
  });

  it('refuses a log with an arm the config does not know', async () => {
    const dir = tempDir({ 'log.csv': 'person_id,arm,randomized_on,block\nQ1,XX,2015-01-05,0114\n', 'new.csv': 'person_id,block\nR1,0114\n' });
    await expect(assign(dir, 'new.csv')).rejects.toThrow('log.csv, line 2, column arm: value "XX": expected one of the configured arms FS, SE, CM');
  });
});
