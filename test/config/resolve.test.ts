import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { UsageError } from '../../src/errors.js';

describe('resolveConfig (config.md)', () => {
  it('fills in the defaults of the 2017 trial design', () => {
    const c = resolveConfig({});
    expect(c.arms).toEqual(['FS', 'SE', 'CM']);
    expect(c.reference).toBe('FS');
    expect(c.followUpMonths).toBe(15);
    expect(c.preMonths).toBe(0);
    expect(c.rule).toBe('end');
    expect(c.extractDate).toBeNull();
    expect(Object.keys(c.outcomes)).toEqual(['work', 'employment', 'work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education']);
    expect(c.outcomes.work).toEqual(['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education']);
    expect(c.primaryOutcome).toBe('work');
    expect(c.primaryMonth).toBe(15);
    expect(c.subgroups).toEqual(['gender', 'lss_daily_activity']);
    expect(c.estimator).toBe('diff');
    expect(c.bootstrap).toEqual({ replicates: 2000, seed: 20170331, ci: 'percentile', level: 0.95 });
    expect(c.inference).toEqual({ method: 'randomization', permutations: 2000 });
    expect(c.minCellSize).toBe(5);
    expect(c.lang).toBe('en');
    expect(c.allocation).toEqual({ FS: 1 / 3, SE: 1 / 3, CM: 1 / 3 });
  });

  it('primaryMonth follows followUpMonths; block defaults to the column when it exists', () => {
    expect(resolveConfig({ followUpMonths: 6 }).primaryMonth).toBe(6);
    expect(resolveConfig({}, { participantColumns: ['person_id', 'block'] }).block).toBe('block');
    expect(resolveConfig({}, { participantColumns: ['person_id'] }).block).toBeNull();
    expect(resolveConfig({}, { participantColumns: ['person_id', 'gender'] }).subgroups).toEqual(['gender']);
  });

  it('refuses unknown keys, naming them, at the top level and inside sections', () => {
    expect(() => resolveConfig({ replicates: 10 })).toThrowError(/unknown key "replicates"/);
    expect(() => resolveConfig({ bootstrap: { replicate: 10 } })).toThrowError(/unknown key "bootstrap.replicate"/);
    expect(() => resolveConfig({ inference: { permutation: 10 } })).toThrowError(UsageError);
  });

  it('refuses values of the wrong kind with what was expected', () => {
    expect(() => resolveConfig({ rule: 'last' })).toThrowError(/rule.*"end", "any" or "majority"/);
    expect(() => resolveConfig({ reference: 'XX' })).toThrowError(/reference/);
    expect(() => resolveConfig({ extractDate: '2017-02-30' })).toThrowError(/extractDate/);
    expect(() => resolveConfig({ outcomes: { work: ['job'] } })).toThrowError(/canonical spell types/);
    expect(() => resolveConfig({ bootstrap: { replicates: 0 } })).toThrowError(/bootstrap.replicates/);
    expect(() => resolveConfig({ primaryMonth: 16 })).toThrowError(/primaryMonth/);
    expect(() => resolveConfig({ arms: ['A', 'A'] })).toThrowError(/arms/);
  });

  it('keeps configured outcomes and the primary outcome consistent', () => {
    const c = resolveConfig({ outcomes: { job: ['work_unsubsidized'] } });
    expect(c.primaryOutcome).toBe('job');
    expect(() => resolveConfig({ outcomes: { job: ['work_unsubsidized'] }, primaryOutcome: 'work' })).toThrowError(/primaryOutcome/);
  });
});
