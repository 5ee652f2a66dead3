import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { effectTablesCsv, shareTablesCsv } from '../../src/report/csvTables.js';
import { sampleResults } from '../render/sampleResults.js';

const lines = (csv: string): string[] => csv.trimEnd().split('\n');

describe('shareTablesCsv', () => {
  it('has the result-row columns and one line per row', () => {
    const results = sampleResults();
    const csv = shareTablesCsv(results);
    expect(lines(csv)[0]).toBe('outcome,subgroup,arm,month,n,events,share,ci_low,ci_high,suppressed');
    expect(lines(csv)).toHaveLength(results.shares.length + 1);
  });

  it('writes numbers at full precision and suppressed values as empty cells', () => {
    const csv = shareTablesCsv(sampleResults());
    expect(csv).toContain(`work,all,FS,15,355,64,${64 / 355},`);
    expect(csv).toContain('work,all,CM,1,,,,,,true\n');
  });

  it('reads back to the same values', () => {
    const results = sampleResults();
    const table = aq.fromCSV(shareTablesCsv(results));
    expect(table.numRows()).toBe(results.shares.length);
    expect(table.get('share', 0)).toBe(results.shares[0].share);
  });

  it('prefixes text cells that a spreadsheet would run as a formula', () => {
    const results = sampleResults({ arms: ['FS', '=HYPERLINK("http://x")', '@SUM(A1)'], outcomes: ['+work', '-employment'] });
    const csv = shareTablesCsv(results);
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+work,");
    expect(csv).toContain("'-employment,");
    for (const line of lines(csv)) expect(line).not.toMatch(/(^|,)[=+@]/);
  });

  it('prefixes a leading tab or carriage return', () => {
    const results = sampleResults({ arms: ['FS', '\tSE', '\rCM'] });
    const csv = shareTablesCsv(results);
    expect(csv).toContain(",'\tSE,");
    expect(csv).toContain(`,"'\rCM",`);
  });
});

describe('effectTablesCsv', () => {
  it('keeps negative numbers as numbers (no prefix)', () => {
    const results = sampleResults();
    const csv = effectTablesCsv(results);
    expect(lines(csv)[0]).toBe('outcome,subgroup,arm,reference,month,estimator,estimate,se,ci_low,ci_high,p,p_method,suppressed');
    const negative = results.effects.find((row) => row.ci_low! < 0)!;
    expect(csv).toContain(`,${negative.ci_low},`);
    expect(csv).not.toContain(",'-");
  });

  it('adds optional fields the rows carry as extra columns', () => {
    const results = sampleResults();
    Object.assign(results.effects[0], { p_holm: 0.02 });
    const csv = effectTablesCsv(results);
    expect(lines(csv)[0].endsWith(',suppressed,p_holm')).toBe(true);
    expect(lines(csv)[1].endsWith(',false,0.02')).toBe(true);
    expect(lines(csv)[2].endsWith(',false,')).toBe(true);
  });
});
