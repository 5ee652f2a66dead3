import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempFiles.js';
import { runCli as cli } from '../runCli.js';

const NEW = 'person_id,block,randomized_on\nA1,x,2016-01-04\nA2,x,2016-01-04\nA3,y,2016-01-05\nA4,x,2016-01-05\nA5,x,2016-01-06\n';

describe('eval assign (command line)', () => {
  it('assigns with a config beside the log, prints the summary on stdout with --json only, and is a no-op the second time', () => {
    const dir = tempDir({
      'new.csv': NEW,
      'trial/eval.config.json': JSON.stringify({ arms: ['NOW', 'WAIT'], reference: 'WAIT', allocation: { NOW: 0.6, WAIT: 0.4 } }),
    });
    const log = join(dir, 'trial', 'participants.csv');
    const first = cli(['assign', '--participants', join(dir, 'new.csv'), '--log', log, '--seed', '3', '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ assigned: 5, alreadyAssigned: 0, blockLength: 5, block: 'block', seed: 3, written: true });
    expect(summary.byArm.NOW + summary.byArm.WAIT).toBe(5);
    expect(Object.keys(summary.byStratum)).toEqual(['x', 'y']);
    expect(first.stderr).toContain('eval.config.json beside the log');
    const bytes = readFileSync(log);

    const again = cli(['assign', '--participants', join(dir, 'new.csv'), '--log', log, '--seed', '3']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('5 of the persons in new.csv are already in participants.csv and were not drawn again (new.csv lines 2–6)');
    expect(again.stderr).toContain('participants.csv is unchanged');
    expect(again.stderr).not.toMatch(/A[1-5]/);
    expect(readFileSync(log).equals(bytes)).toBe(true);

    // The log is the participants.csv of an analysis eval run accepts.
    writeFileSync(join(dir, 'trial', 'spells.csv'), 'person_id,start,end,type\nA1,2016-02-01,,work_unsubsidized\n');
    const run = cli(['run', join(dir, 'trial'), '--out', join(dir, 'out'), '--replicates', '20', '--json', '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).config.arms).toEqual(['NOW', 'WAIT']);
  });

  it('exits 2 on usage errors and 3 on data errors', () => {
    const dir = tempDir({ 'new.csv': 'person_id,block\nA1,x\nA1,y\n', 'undated.csv': 'person_id\nB1\n' });
    expect(cli(['assign', '--participants', join(dir, 'new.csv')]).code).toBe(2);
    expect(cli(['assign', '--participants', join(dir, 'new.csv'), '--log', join(dir, 'log.csv'), '--date', '2015-02-30']).code).toBe(2);
    expect(cli(['assign', '--participants', join(dir, 'undated.csv'), '--log', join(dir, 'log.csv')]).code).toBe(2);
    const duplicate = cli(['assign', '--participants', join(dir, 'new.csv'), '--log', join(dir, 'log.csv'), '--date', '2015-02-02']);
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toContain('new.csv, line 3, column person_id: expected a person id not already on line 2 (duplicate)');
  });
});
