/**
 * Words for the exclusive statuses (data-contract §4) and for the charts of
 * the composition and cost-effectiveness parts, by language, next to
 * chartStrings.ts so a translation stays a table edit.
 */
import type { ChartLang } from './chartStrings.js';

const STATUS_LABELS: Record<ChartLang, Record<string, string>> = {
  en: {
    work_unsubsidized: 'Unsubsidized work',
    work_subsidized: 'Subsidized work',
    work_sheltered: 'Sheltered work',
    education: 'Education',
    program: 'Labour-market programme',
    daily_activity: 'Daily activity',
    unemployed: 'Unemployed',
    other: 'Other',
    none: 'None registered',
  },
  sv: {
    work_unsubsidized: 'Osubventionerat arbete',
    work_subsidized: 'Anställning med stöd',
    work_sheltered: 'Skyddat arbete',
    education: 'Utbildning',
    program: 'Arbetsmarknadsprogram',
    daily_activity: 'Daglig verksamhet',
    unemployed: 'Arbetslös',
    other: 'Övrigt',
    none: 'Ingen registrering',
  },
};

/** A status as a label; an unknown name is shown as written. */
export function statusLabel(lang: ChartLang, status: string): string {
  return Object.hasOwn(STATUS_LABELS[lang], status) ? STATUS_LABELS[lang][status] : status;
}

export interface AnalysisChartStrings {
  compositionTitle(month: number): string;
  compositionNote: string;
  stackNote: string;
  boundaryNote(outcome: string): string;
  statusLegend: string;
  shareAxis: string;
  ceacTitle(reference: string): string;
  ceacNote(replicates: string, reference: string): string;
  valueAxis: string;
  probabilityAxis: string;
  valueMarker(value: string): string;
  rowsLeftOut(count: number, minCellSize: number): string;
}

const en: AnalysisChartStrings = {
  compositionTitle: (month) => `Status ${month} months after randomization, by arm`,
  compositionNote: 'Each person counted once, in the first status that holds.',
  stackNote: 'Statuses stacked in priority order from the bottom.',
  boundaryNote: (outcome) => `Black line: share in ${outcome}, its parts below it.`,
  statusLegend: 'Status',
  shareAxis: 'Share of the arm',
  ceacTitle: (reference) => `Probability of being cost-effective against ${reference}`,
  ceacNote: (replicates, reference) => `Share of ${replicates} bootstrap replicates with net benefit against ${reference} above 0.`,
  valueAxis: 'Value of one person-month in work (SEK thousand)',
  probabilityAxis: 'Probability cost-effective',
  valueMarker: (value) => `Set value: ${value}`,
  rowsLeftOut: (count, min) => `${count} ${count === 1 ? 'curve' : 'curves'} left out (fewer than ${min} persons in a cell).`,
};

const sv: AnalysisChartStrings = {
  compositionTitle: (month) => `Status ${month} månader efter randomisering, per grupp`,
  compositionNote: 'Varje person räknas en gång, i den första status som gäller.',
  stackNote: 'Statusar staplade i prioritetsordning nedifrån.',
  boundaryNote: (outcome) => `Svart linje: andel i ${outcome}, dess delar under den.`,
  statusLegend: 'Status',
  shareAxis: 'Andel av gruppen',
  ceacTitle: (reference) => `Sannolikhet att vara kostnadseffektiv jämfört med ${reference}`,
  ceacNote: (replicates, reference) => `Andel av ${replicates} bootstrapreplikat där nettonyttan mot ${reference} är över 0.`,
  valueAxis: 'Värde av en personmånad i arbete (tusen kr)',
  probabilityAxis: 'Sannolikhet kostnadseffektiv',
  valueMarker: (value) => `Angivet värde: ${value}`,
  rowsLeftOut: (count, min) => `${count} ${count === 1 ? 'kurva' : 'kurvor'} redovisas inte (färre än ${min} personer i en cell).`,
};

export function analysisChartStrings(lang: ChartLang): AnalysisChartStrings {
  return lang === 'sv' ? sv : en;
}
