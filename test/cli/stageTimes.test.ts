import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';
import { runCli as cli, listFiles } from '../runCli.js';

const golden = join(SHARED, 'golden', 'monthly-windows');

interface StageTimesFile {
  stages: { stage: string; milliseconds: number; bytes?: number }[];
  total_milliseconds: number;
}

describe('EFFEKT_STAGE_TIMES', () => {
  it('writes the time of every stage as JSON, and the same report as a run without it', () => {
    const dir = tempDir({
      'participants.csv': readFileSync(join(golden, 'participants.csv')),
      'spells.csv': readFileSync(join(golden, 'spells.csv')),
      'eval.config.json': '{ "bootstrap": { "replicates": 50 }, "minCellSize": 1, "extractDate": "2016-03-31" }',
    });
    const plain = cli(['run', dir, '--out', join(dir, 'plain'), '-q'], ROOT, { EFFEKT_STAGE_TIMES: '' });
    expect(plain.code).toBe(0);
    const timed = cli(['run', dir, '--out', join(dir, 'timed'), '-q'], ROOT, { EFFEKT_STAGE_TIMES: join(dir, 'stages.json') });
    expect(timed.code, timed.stderr).toBe(0);
    // Nothing is written without the variable, and nothing inside the report with it.
    expect(readdirSync(dir).sort()).toEqual(['eval.config.json', 'participants.csv', 'plain', 'spells.csv', 'stages.json', 'timed']);

    const times = JSON.parse(readFileSync(join(dir, 'stages.json'), 'utf8')) as StageTimesFile;
    const names = times.stages.map((s) => s.stage);
    for (const stage of ['startup', 'modules', 'config', 'read.participants', 'read.spells', 'panel', 'estimate', 'worker.wait', 'disclosure', 'report', 'charts', 'write']) {
      expect(names, stage).toContain(stage);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const { stage, milliseconds } of times.stages) expect(milliseconds >= 0 && Number.isFinite(milliseconds), stage).toBe(true);
    const read = (stage: string) => times.stages.find((s) => s.stage === stage)!;
    expect(read('read.participants').bytes).toBe(statSync(join(dir, 'participants.csv')).size);
    expect(read('read.spells').bytes).toBe(statSync(join(dir, 'spells.csv')).size);
    const summed = times.stages.reduce((sum, s) => sum + s.milliseconds, 0);
    expect(summed).toBeLessThanOrEqual(times.total_milliseconds + 1);

    const files = listFiles(join(dir, 'plain'));
    expect(listFiles(join(dir, 'timed'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'timed', f)).equals(readFileSync(join(dir, 'plain', f))), f).toBe(true);
    for (const f of files) expect(readFileSync(join(dir, 'timed', f), 'utf8'), f).not.toMatch(/milliseconds|startup/);
  });
});
