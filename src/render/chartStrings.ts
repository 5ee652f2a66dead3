/**
 * Every word that appears in a chart, by language, in one place so a
 * translation is a table edit. Outcome names are config keys (e.g. `work`);
 * the default ones get readable labels, other names are shown as written.
 */
export type ChartLang = 'en' | 'sv';

export interface ChartStrings {
  outcome(name: string): string;
  figure1Title(outcome: string, month: number): string;
  monthlyTitle(outcome: string): string;
  shareAxis(outcome: string): string;
  monthAxis: string;
  armLegend: string;
  errorBarNote(levelPercent: string): string;
  bandNote(levelPercent: string): string;
  suppressedNote(count: number, minCellSize: number): string;
  effectTitle(outcome: string, reference: string): string;
  differenceAxis(reference: string): string;
  /** Panel heading of one arm's comparison. */
  comparison(arm: string, reference: string): string;
  pointwiseNote(levelPercent: string): string;
  simultaneousNote(levelPercent: string): string;
}

const OUTCOME_LABELS: Record<ChartLang, Record<string, string>> = {
  en: {
    work: 'work',
    employment: 'employment',
    work_unsubsidized: 'unsubsidized work',
    work_subsidized: 'subsidized work',
    work_sheltered: 'sheltered work',
    education: 'education',
  },
  sv: {
    work: 'arbete',
    employment: 'anställning',
    work_unsubsidized: 'osubventionerat arbete',
    work_subsidized: 'subventionerat arbete',
    work_sheltered: 'skyddat arbete',
    education: 'utbildning',
  },
};

function outcomeLabel(lang: ChartLang, name: string): string {
  return Object.hasOwn(OUTCOME_LABELS[lang], name) ? OUTCOME_LABELS[lang][name] : name;
}

const en: ChartStrings = {
  outcome: (name) => outcomeLabel('en', name),
  figure1Title: (outcome, month) => `Share in ${outcome} ${month} months after randomization`,
  monthlyTitle: (outcome) => `Share in ${outcome} by month after randomization`,
  shareAxis: (outcome) => `Share in ${outcome}`,
  monthAxis: 'Months after randomization',
  armLegend: 'Arm',
  errorBarNote: (level) => `Error bars: ${level} confidence interval (bootstrap).`,
  bandNote: (level) => `Bands: ${level} confidence interval (bootstrap).`,
  suppressedNote: (count, min) => `${count} ${count === 1 ? 'value' : 'values'} suppressed (disclosure control, threshold ${min} persons).`,
  effectTitle: (outcome, reference) => `Difference from ${reference} in the share in ${outcome}, by month`,
  differenceAxis: (reference) => `Difference from ${reference} (percentage points)`,
  comparison: (arm, reference) => `${arm} − ${reference}`,
  pointwiseNote: (level) => `Points and bars: difference and ${level} confidence interval in each month (bootstrap).`,
  simultaneousNote: (level) => `Light band: ${level} simultaneous band (sup-t), covering the whole curve with ${level} probability.`,
};

const sv: ChartStrings = {
  outcome: (name) => outcomeLabel('sv', name),
  figure1Title: (outcome, month) => `Andel i ${outcome} ${month} månader efter randomisering`,
  monthlyTitle: (outcome) => `Andel i ${outcome} per månad efter randomisering`,
  shareAxis: (outcome) => `Andel i ${outcome}`,
  monthAxis: 'Månader efter randomisering',
  armLegend: 'Grupp',
  errorBarNote: (level) => `Felstaplar: ${level} konfidensintervall (bootstrap).`,
  bandNote: (level) => `Band: ${level} konfidensintervall (bootstrap).`,
  suppressedNote: (count, min) => `${count} ${count === 1 ? 'värde' : 'värden'} redovisas inte (röjandekontroll, gräns ${min} personer).`,
  effectTitle: (outcome, reference) => `Skillnad mot ${reference} i andel i ${outcome}, per månad`,
  differenceAxis: (reference) => `Skillnad mot ${reference} (procentenheter)`,
  comparison: (arm, reference) => `${arm} − ${reference}`,
  pointwiseNote: (level) => `Punkter och staplar: skillnad och ${level} konfidensintervall för varje månad (bootstrap).`,
  simultaneousNote: (level) => `Ljust band: ${level} simultant band (sup-t), som täcker hela kurvan med ${level} sannolikhet.`,
};

export function chartStrings(lang: ChartLang): ChartStrings {
  return lang === 'sv' ? sv : en;
}

/** Confidence level as a label: 0.95 → "95 %". */
export function levelPercent(level: number): string {
  return `${Number((level * 100).toFixed(1))} %`;
}
