import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempFiles.js';
import { runCli as cli } from '../runCli.js';

describe('eval power (command line)', () => {
  it('prints R\'s n = 76.7 case: 77 per arm, the result as JSON on stdout only with --json', () => {
    const plain = cli(['power', '--p0', '0.5', '--effect', '0.25', '--power', '0.9']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toContain('arm1 77, arm2 77; 154 in total');
    expect(plain.stderr).toContain('exact 76.71 / 76.71');
    const json = cli(['power', '--p0', '0.5', '--effect', '0.25', '--power', '0.9', '--json']);
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({ mode: 'sample-size', perArm: { arm1: 77, arm2: 77 }, total: 154, alphaPerComparison: 0.05 });
    expect(plan.exactPerArm.arm1).toBeCloseTo(76.7069, 4);
  });

  it('takes arms and allocation from a config, reference first, and simulates with a seed', () => {
    const dir = tempDir({ 'plan.json': JSON.stringify({ arms: ['NOW', 'WAIT'], reference: 'WAIT', allocation: { NOW: 0.6, WAIT: 0.4 } }) });
    const args = ['power', '--p0', '0.2', '--n', '400', '--config', join(dir, 'plan.json'), '--simulate', '500', '--seed', '9', '--json'];
    const first = cli(args);
    expect(first.code, first.stderr).toBe(0);
    const plan = JSON.parse(first.stdout);
    expect(plan).toMatchObject({ mode: 'minimum-detectable-effect', arms: ['WAIT', 'NOW'], reference: 'WAIT', ratio: [0.4, 0.6], perArm: { WAIT: 160, NOW: 240 } });
    expect(plan.simulation.replicates).toBe(500);
    expect(cli(args).stdout).toBe(first.stdout);
  });

  it('applies Bonferroni over the K − 1 comparisons', () => {
    const plan = JSON.parse(cli(['power', '--p0', '0.18', '--effect', '0.08', '--ratio', '1:1:1', '--adjust', 'bonferroni', '--json']).stdout);
    expect(plan.alphaPerComparison).toBeCloseTo(0.025, 15);
    expect(plan.perArm).toEqual({ arm1: 509, arm2: 509, arm3: 509 });
  });

  it('exits 2 on usage errors', () => {
    for (const args of [
      ['power', '--p0', '0.2'],
      ['power', '--p0', '0.2', '--effect', '0.1', '--n', '100'],
      ['power', '--p0', '0.2', '--effect', '0.1', '--arms', '3', '--ratio', '1:1'],
      ['power', '--p0', '0.2', '--effect', '0.1', '--adjust', 'sidak'],
    ]) {
      const result = cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/usage error/);
    }
  });
});
