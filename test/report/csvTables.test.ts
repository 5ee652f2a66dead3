import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/report/csvSafety.js';
import { effectTablesCsv, interactionTablesCsv, personOutcomeTablesCsv, shareTablesCsv } from '../../src/report/csvTables.js';
import { BAND_CRITICAL, sampleResults, withInference } from '../render/sampleResults.js';

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
  const HEADER = 'outcome,subgroup,arm,reference,month,estimator,estimate,se,ci_low,ci_high,p,p_method,p_holm,band_low,band_high,suppressed';

  it('keeps negative numbers as numbers (no prefix)', () => {
    const results = sampleResults();
    const csv = effectTablesCsv(results);
    expect(lines(csv)[0]).toBe(HEADER);
    const negative = results.effects.find((row) => row.ci_low! < 0)!;
    expect(csv).toContain(`,${negative.ci_low},`);
    expect(csv).not.toContain(",'-");
  });

  it('always has the p_holm and band columns, empty where a row has none', () => {
    const csv = effectTablesCsv(sampleResults());
    expect(lines(csv)[0]).toBe(HEADER);
    // Every data line ends in the p method, three empty cells and the marker.
    for (const line of lines(csv).slice(1)) expect(line).toMatch(/,randomization,,,,(true|false)$/);
  });

  it('writes p_holm and the band where the rows carry them', () => {
    const csv = effectTablesCsv(withInference(sampleResults()));
    // SE at month 15: estimate 92/354 − 64/355, se from the two shares, band estimate ± 2.8 × se, Holm 2 × 0.004.
    const p1 = 92 / 354;
    const p0 = 64 / 355;
    const estimate = p1 - p0;
    const se = Math.sqrt((p1 * (1 - p1)) / 353 + (p0 * (1 - p0)) / 354);
    expect(BAND_CRITICAL).toBe(2.8);
    expect(csv).toContain(`work,all,SE,FS,15,diff,${estimate},${se},`);
    expect(csv).toContain(`,0.004,randomization,0.008,${estimate - 2.8 * se},${estimate + 2.8 * se},false\n`);
    // CM at month 15: Holm max(0.008, 0.3).
    expect(csv).toMatch(/\nwork,all,CM,FS,15,.*,0\.3,randomization,0\.3,-?[\d.e-]+,[\d.e-]+,false\n/);
    // Outside the primary outcome there is no band.
    expect(csv).toMatch(/\nemployment,all,SE,FS,15,.*,randomization,,,,false\n/);
  });

  it('writes a person-level effect with an empty month', () => {
    const csv = effectTablesCsv(withInference(sampleResults()));
    const se = (3300 - 400) / (2 * 1.959963984540054);
    expect(csv).toContain(`earnings,all,SE,FS,,diff,1849.5,${se},400,3300,0.012,randomization,,,,false\n`);
  });

  it('adds further fields the rows carry as extra columns', () => {
    const results = sampleResults();
    Object.assign(results.effects[0], { q_value: 0.02 });
    const csv = effectTablesCsv(results);
    expect(lines(csv)[0]).toBe(`${HEADER},q_value`);
    expect(lines(csv)[1].endsWith(',false,0.02')).toBe(true);
    expect(lines(csv)[2].endsWith(',false,')).toBe(true);
  });
});

describe('interactionTablesCsv', () => {
  it('is null when the results have no interactions section', () => {
    expect(interactionTablesCsv(sampleResults())).toBeNull();
  });

  it('writes every interaction row, month and person-level, with the two levels as columns', () => {
    const results = withInference(sampleResults());
    const csv = interactionTablesCsv(results)!;
    expect(lines(csv)[0]).toBe('outcome,subgroup_variable,level_a,level_b,arm,reference,month,estimate,ci_low,ci_high,p,p_method,suppressed');
    expect(lines(csv)).toHaveLength(1 + 5);
    // SE: (58/183 − 33/185) − (34/171 − 31/170), the effect among men minus among women.
    const estimate = 58 / 183 - 33 / 185 - (34 / 171 - 31 / 170);
    expect(lines(csv)[1]).toBe(`work,gender,M,K,SE,FS,15,${estimate},${estimate - 0.1},${estimate + 0.1},0.25,bootstrap,false`);
    expect(lines(csv)[3]).toBe('work,gender,M,K,SE,FS,10,0.01,-0.05,0.07,0.7,bootstrap,false');
    expect(lines(csv)[4]).toBe('earnings,gender,M,K,SE,FS,,1258,-700,3200,0.11,bootstrap,false');
    expect(lines(csv)[5]).toBe('earnings,gender,M,K,CM,FS,,88,-1900,2000,0.76,bootstrap,false');
  });

  it('leaves the values of a suppressed row empty', () => {
    const results = withInference(sampleResults());
    Object.assign(results.interactions![0], { estimate: null, ci_low: null, ci_high: null, p: null, suppressed: true });
    expect(lines(interactionTablesCsv(results)!)[1]).toBe('work,gender,M,K,SE,FS,15,,,,,bootstrap,true');
  });

  it('writes only the header for an empty section', () => {
    const results = sampleResults();
    results.interactions = [];
    expect(interactionTablesCsv(results)).toBe('outcome,subgroup_variable,level_a,level_b,arm,reference,month,estimate,ci_low,ci_high,p,p_method,suppressed\n');
  });
});

describe('personOutcomeTablesCsv', () => {
  it('is null without person-level outcomes', () => {
    expect(personOutcomeTablesCsv(sampleResults())).toBeNull();
  });

  it('writes the means of every subgroup and arm', () => {
    const csv = personOutcomeTablesCsv(withInference(sampleResults()))!;
    expect(lines(csv)[0]).toBe('outcome,subgroup,arm,n,mean,ci_low,ci_high,suppressed');
    expect(lines(csv)).toHaveLength(1 + 9);
    expect(lines(csv)[1]).toBe('earnings,all,FS,350,10250.5,9250.5,11250.5,false');
    expect(lines(csv)[9]).toBe('earnings,gender=M,CM,183,11358,10358,12358,false');
  });
});

describe('the CSV format', () => {
  // The tables were written with arquero's toCSV before; a table built the
  // way rowsToCsv used to build it is the reference for the same bytes.
  function arqueroCsv(rows: Record<string, unknown>[], known: string[]): string {
    const columns = [...known];
    for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    const data: Record<string, unknown[]> = {};
    for (const column of columns) data[neutraliseFormula(column) as string] = rows.map((row) => neutraliseFormula(row[column] ?? null));
    return aq.table(data).toCSV();
  }
  const SHARE_HEADER = ['outcome', 'subgroup', 'arm', 'month', 'n', 'events', 'share', 'ci_low', 'ci_high', 'suppressed'];

  it('writes the bytes arquero wrote, for awkward values and extra fields', () => {
    const results = sampleResults({ arms: ['FS', 'S"E,1', 'C\nM'], outcomes: ['=sum', "'=sum"] });
    const rows = results.shares as unknown as Record<string, unknown>[];
    Object.assign(rows[0], { note: 'a "quoted", text', 7: 'whole-number key', '-x': -0.5, flag: false });
    Object.assign(rows[3], { '\rlead': 'x\r\ny', nested: [1, 2], tiny: 1e-12, big: 1e21 });
    rows[5].share = undefined;
    expect(shareTablesCsv(results)).toBe(arqueroCsv(rows, SHARE_HEADER));
  });

  it('writes an empty table as its header', () => {
    const results = sampleResults();
    results.shares = [];
    expect(shareTablesCsv(results)).toBe(arqueroCsv([], SHARE_HEADER));
  });
});
