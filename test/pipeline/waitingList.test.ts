import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../sharedPaths.js';
import { tempDir } from '../tempFiles.js';
import { runCli as cli } from '../runCli.js';

// The second design the toolkit serves (ae-trial-2017.md): two arms, 60 % get
// support now and 40 % wait, six months of follow-up. The extract is made
// with Effekt's own commands: the fixture's persons are randomized again by
// `eval assign` under a 60/40 plan, then analysed, described and planned for.
const FIXTURE = join(ROOT, 'fixtures', 'ae-trial');

describe('a two-arm 60/40 waiting-list design with six months of follow-up', () => {
  const dir = tempDir();
  const trial = join(dir, 'trial');
  mkdirSync(trial);
  const plan = {
    arms: ['NOW', 'WAIT'],
    reference: 'WAIT',
    allocation: { NOW: 0.6, WAIT: 0.4 },
    followUpMonths: 6,
    extractDate: '2016-12-31',
    covariates: ['age', 'lss_decision', 'diagnosis_group'],
    bootstrap: { replicates: 200 },
    inference: { permutations: 200 },
  };

  it('assigns the persons 60/40 within blocks, then runs the whole analysis on them', () => {
    // NEW.csv: the fixture's participants without their arm.
    const [header, ...rows] = readFileSync(join(FIXTURE, 'participants.csv'), 'utf8').trim().split('\n');
    const columns = header.split(',');
    const armAt = columns.indexOf('arm');
    const drop = (line: string) => line.split(',').filter((_, i) => i !== armAt).join(',');
    writeFileSync(join(dir, 'new.csv'), [drop(header), ...rows.map(drop)].join('\n') + '\n');
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const assigned = cli(['assign', '--participants', join(dir, 'new.csv'), '--log', join(trial, 'participants.csv'), '--config', join(dir, 'plan.json'), '--seed', '60', '--json']);
    expect(assigned.code, assigned.stderr).toBe(0);
    const summary = JSON.parse(assigned.stdout);
    expect(summary.assigned).toBe(1063);
    // Permuted blocks of 5 within each municipality: at most 5 persons per stratum away from 60/40.
    const strata = Object.keys(summary.byStratum).length;
    expect(Math.abs(summary.byArm.NOW - 0.6 * 1063)).toBeLessThanOrEqual(3 * strata);

    for (const file of ['spells.csv', 'codes.csv', 'costs.csv']) copyFileSync(join(FIXTURE, file), join(trial, file));
    // A survey score at 6 months (a person-level outcome), missing for every 9th person.
    const [logHeader, ...logRows] = readFileSync(join(trial, 'participants.csv'), 'utf8').trim().split('\n');
    const score = (i: number) => (i % 9 === 0 ? '' : String((i * 37) % 50));
    writeFileSync(join(trial, 'participants.csv'), [`${logHeader},survey_score`, ...logRows.map((row, i) => `${row},${score(i)}`)].join('\n') + '\n');
    const scoreArm = logHeader.split(',').indexOf('arm');
    const meanScore = (arm: string) => {
      const values = logRows.map((row, i) => [row.split(',')[scoreArm], score(i)]).filter(([a, v]) => a === arm && v !== '').map(([, v]) => Number(v));
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    };
    writeFileSync(join(trial, 'eval.config.json'), JSON.stringify({ ...plan, personOutcomes: ['survey_score'] }, null, 2));
    const out = join(dir, 'report');
    const run = cli(['run', trial, '--out', out, '-q']);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.arms).toEqual(['NOW', 'WAIT']);
    expect(results.reference).toBe('WAIT');
    expect(results.n.NOW + results.n.WAIT).toBe(1063);
    expect(new Set(results.shares.map((r: { month: number }) => r.month))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(results.effects.every((e: { arm: string; reference: string }) => e.arm === 'NOW' && e.reference === 'WAIT')).toBe(true);
    expect(results.balance.rows.some((r: { variable: string }) => r.variable.startsWith('diagnosis_group='))).toBe(true);
    expect(results.balance.joint.p).toBeGreaterThan(0);
    expect(results.composition.shares.length).toBeGreaterThan(0);
    const means = results.person_outcomes.filter((r: { subgroup: string }) => r.subgroup === 'all');
    expect(means.map((r: { arm: string; mean: number }) => [r.arm, r.mean])).toEqual([['NOW', expect.closeTo(meanScore('NOW'), 9)], ['WAIT', expect.closeTo(meanScore('WAIT'), 9)]]);
    const scoreEffect = results.effects.find((e: { outcome: string; subgroup: string }) => e.outcome === 'survey_score' && e.subgroup === 'all');
    expect(scoreEffect).toMatchObject({ month: null, arm: 'NOW', reference: 'WAIT', estimator: 'diff', p_method: 'randomization' });
    expect(scoreEffect.estimate).toBeCloseTo(meanScore('NOW') - meanScore('WAIT'), 9);
    expect(results.interactions.some((r: { outcome: string; month: null }) => r.outcome === 'survey_score' && r.month === null)).toBe(true);
    expect(results.cost_effectiveness.rows.some((r: { arm: string; subgroup: string }) => r.arm === 'NOW' && r.subgroup === 'all')).toBe(true);
    for (const chart of ['figure1', 'monthly', 'composition', 'ceac']) expect(existsSync(join(out, 'charts', `${chart}.svg`)), chart).toBe(true);
  });

  it('describes the randomized population and plans the 60/40 design', () => {
    const described = cli(['describe', join(trial, 'participants.csv'), '--name', 'Waiting-list trial', '--out', join(dir, 'describe'), '-q']);
    expect(described.code, described.stderr).toBe(0);
    const power = cli(['power', '--p0', '0.18', '--effect', '0.1', '--ratio', '40:60', '--json']);
    expect(power.code, power.stderr).toBe(0);
    const result = JSON.parse(power.stdout);
    // By hand: N = (z.975·√(p̄q̄(1/0.4 + 1/0.6)) + z.8·√(p0q0/0.4 + p1q1/0.6))² / Δ², p̄ = 0.4·0.18 + 0.6·0.28 = 0.24.
    const N = (1.959963984540054 * Math.sqrt(0.24 * 0.76 * (1 / 0.4 + 1 / 0.6)) + 0.8416212335729143 * Math.sqrt((0.18 * 0.82) / 0.4 + (0.28 * 0.72) / 0.6)) ** 2 / 0.01;
    expect(result.exactPerArm.arm1).toBeCloseTo(0.4 * N, 6);
    expect(result.exactPerArm.arm2).toBeCloseTo(0.6 * N, 6);
    expect(result.perArm).toEqual({ arm1: Math.ceil(0.4 * N), arm2: Math.ceil(0.6 * N) });
  });
});
