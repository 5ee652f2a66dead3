/**
 * Seeded generation of extracts for the fuzz suite: a small valid extract
 * (participants, spells, optional costs and codes, eval.config.json) whose
 * labels can be hostile, and corruptions of its bytes. Everything comes from
 * a RandomStream, so a failing seed reproduces exactly.
 */
import { RandomStream } from '../../src/random/stream.js';

/** Labels that attack CSV readers (formula injection) and HTML/Markdown (script, markup). */
export const FORMULA_LABELS = ['=HYPERLINK("http://x","y")', '+cmd', '-1+1', '@SUM(A1:A9)', '=cmd|\' /C calc\'!A0', '\t=1+1', ' =2+2', '＝3+3'];
export const MARKUP_LABELS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '# heading', '| a | b |', '`code`', "' OR 1=1 --", '&lt;b&gt;'];
export const AWKWARD_LABELS = ['a,b', 'say "hi"', 'two\nlines', 'semi;colon', 'tab\there', 'url(http://x)', 'x onload="y"', 'Åsa Öberg'];
const PLAIN_ARMS = ['FS', 'SE', 'CM'];
const TYPES = ['work_unsubsidized', 'work_subsidized', 'work_sheltered', 'education', 'program', 'daily_activity', 'unemployed', 'other'];

export type Files = Record<string, Buffer>;

export interface Extract {
  files: Files;
  /** Every person_id written: none may appear in any output. */
  ids: string[];
  arms: string[];
}

export interface LabelChoice {
  arms?: 'plain' | 'formula' | 'markup' | 'awkward';
  municipalities?: 'plain' | 'formula' | 'markup';
  outcomeNames?: 'plain' | 'formula' | 'markup';
  codes?: 'none' | 'plain' | 'formula';
}

const pick = <T>(rng: RandomStream, items: readonly T[]): T => items[rng.nextInt(items.length)];

function distinct(rng: RandomStream, pool: readonly string[], count: number): string[] {
  const left = [...pool];
  const out: string[] = [];
  while (out.length < count) out.push(left.splice(rng.nextInt(left.length), 1)[0]);
  return out;
}

/** A field as CSV: quoted when it holds a delimiter, quote, line break or edge blanks. */
export function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csv = (rows: string[][]): Buffer => Buffer.from(rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n', 'utf8');

const day = (offset: number): string => new Date(Date.UTC(2015, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

export function validExtract(seed: number, labels: LabelChoice = {}): Extract {
  const rng = new RandomStream(seed, 101);
  const pools = { plain: PLAIN_ARMS, formula: FORMULA_LABELS, markup: MARKUP_LABELS, awkward: AWKWARD_LABELS };
  // Arm codes are compared after trimming, so an arm with blanks at its ends
  // could never match; those labels are tried as levels and outcome names.
  const armPool = pools[labels.arms ?? 'plain'].filter((label) => label.trim() === label);
  const arms = distinct(rng, armPool, 2 + rng.nextInt(2));
  const municipalities = distinct(rng, labels.municipalities === undefined || labels.municipalities === 'plain' ? ['Uppsala', 'Umeå', 'Lund'] : pools[labels.municipalities], 3);
  const persons = 40 + rng.nextInt(80);
  const ids: string[] = [];
  const participants: string[][] = [['person_id', 'arm', 'randomized_on', 'gender', 'lss_daily_activity', 'block', 'municipality']];
  const spells: string[][] = [['person_id', 'start', 'end', 'type']];
  const costs: string[][] = [['person_id', 'cost']];
  const codeList = labels.codes === 'formula' ? FORMULA_LABELS.slice(0, TYPES.length) : TYPES.map((t) => t.slice(0, 4).toUpperCase() + t.length);
  for (let p = 0; p < persons; p++) {
    // Distinctive ids, so a leak into any output is found by a plain search.
    const id = `PX${(seed * 7919 + p * 104729).toString(36).toUpperCase().padStart(8, '0')}Q`;
    ids.push(id);
    const randomized = rng.nextInt(300);
    participants.push([
      id, pick(rng, arms), day(randomized), pick(rng, ['K', 'M', 'K', 'M', '']), pick(rng, ['0', '1', '1', '']), `B${rng.nextInt(3)}`, pick(rng, municipalities),
    ]);
    for (let s = rng.nextInt(4); s > 0; s--) {
      const start = randomized - 60 + rng.nextInt(200);
      const type = rng.nextInt(TYPES.length);
      const typeText = labels.codes === undefined || labels.codes === 'none' ? TYPES[type] : codeList[type];
      spells.push([id, day(start), rng.nextFloat() < 0.2 ? '' : day(start + rng.nextInt(150)), typeText]);
    }
    costs.push([id, String(rng.nextInt(100_000))]);
  }
  const outcomeNames = labels.outcomeNames === undefined || labels.outcomeNames === 'plain' ? ['work', 'studies'] : distinct(rng, pools[labels.outcomeNames], 2);
  const config = {
    arms,
    reference: arms[0],
    followUpMonths: 2 + rng.nextInt(4),
    ...(rng.nextFloat() < 0.5 ? { extractDate: day(330) } : {}),
    outcomes: { [outcomeNames[0]]: ['work_unsubsidized', 'work_subsidized', 'work_sheltered'], [outcomeNames[1]]: ['education'] },
    primaryOutcome: outcomeNames[0],
    subgroups: labels.municipalities === undefined || labels.municipalities === 'plain' ? ['gender', 'lss_daily_activity'] : ['gender', 'municipality'],
    bootstrap: { replicates: 20, seed },
    inference: { permutations: 20 },
  };
  const files: Files = {
    'participants.csv': csv(participants),
    'spells.csv': csv(spells),
    'eval.config.json': Buffer.from(JSON.stringify(config, null, 2)),
  };
  if (rng.nextFloat() < 0.5) files['costs.csv'] = csv(costs);
  if (labels.codes !== undefined && labels.codes !== 'none') files['codes.csv'] = csv([['code', 'type'], ...TYPES.map((t, i) => [codeList[i], t])]);
  return { files, ids, arms };
}

/** Ways to break a file; each returns the new bytes. */
export const CORRUPTIONS = {
  truncate: (bytes: Buffer, rng: RandomStream) => bytes.subarray(0, 1 + rng.nextInt(bytes.length - 1)),
  utf16le: (bytes: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]),
  utf16leNoBom: (bytes: Buffer) => Buffer.from(bytes.toString('utf8'), 'utf16le'),
  utf16be: (bytes: Buffer) => Buffer.from(Buffer.from(bytes.toString('utf8'), 'utf16le').swap16()),
  randomBytes: (_bytes: Buffer, rng: RandomStream) => Buffer.from(Array.from({ length: 1 + rng.nextInt(4000) }, () => rng.nextInt(256))),
  garbageInside: (bytes: Buffer, rng: RandomStream) => {
    const at = rng.nextInt(bytes.length);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({ length: 1 + rng.nextInt(200) }, () => rng.nextInt(256))), bytes.subarray(at)]);
  },
  nulBytes: (bytes: Buffer, rng: RandomStream) => {
    const copy = Buffer.from(bytes);
    for (let k = 0; k < 5; k++) copy[rng.nextInt(copy.length)] = 0;
    return copy;
  },
  hugeField: (bytes: Buffer, rng: RandomStream) => {
    // A 10 MB field in a random column of the third line.
    const lines = bytes.toString('utf8').split('\n');
    const line = Math.min(2, lines.length - 1);
    const fields = lines[line].split(',');
    fields[rng.nextInt(fields.length)] = 'x'.repeat(10 * 1024 * 1024);
    lines[line] = fields.join(',');
    return Buffer.from(lines.join('\n'));
  },
  duplicateHeader: (bytes: Buffer, rng: RandomStream) => {
    const lines = bytes.toString('utf8').split('\n');
    const names = lines[0].split(',');
    names[rng.nextInt(names.length)] = names[rng.nextInt(names.length)];
    names.push(names[0]);
    lines[0] = names.join(',');
    for (let i = 1; i < lines.length; i++) if (lines[i] !== '') lines[i] += ',x';
    return Buffer.from(lines.join('\n'));
  },
  missingColumn: (bytes: Buffer, rng: RandomStream) => {
    const lines = bytes.toString('utf8').split('\n');
    const drop = rng.nextInt(Math.min(3, lines[0].split(',').length));
    return Buffer.from(lines.map((line) => (line === '' ? line : line.split(',').filter((_, i) => i !== drop).join(','))).join('\n'));
  },
  unclosedQuote: (bytes: Buffer, rng: RandomStream) => {
    const text = bytes.toString('utf8');
    const at = text.indexOf('\n', rng.nextInt(text.length));
    return Buffer.from(at < 0 ? `${text}"` : `${text.slice(0, at)},"never closed${text.slice(at)}`);
  },
  duplicateRow: (bytes: Buffer, rng: RandomStream) => {
    const lines = bytes.toString('utf8').split('\n');
    const row = 1 + rng.nextInt(Math.max(1, lines.length - 2));
    lines.splice(row, 0, lines[row]);
    return Buffer.from(lines.join('\n'));
  },
  emptyFile: () => Buffer.alloc(0),
  headerOnly: (bytes: Buffer) => Buffer.from(bytes.toString('utf8').split('\n')[0] + '\n'),
  crlfSemicolons: (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/,/g, ';').replace(/\n/g, '\r\n')),
} satisfies Record<string, (bytes: Buffer, rng: RandomStream) => Buffer>;

export type Corruption = keyof typeof CORRUPTIONS;

export function corrupt(extract: Extract, file: string, corruption: Corruption, seed: number): Extract {
  const rng = new RandomStream(seed, 202);
  return { ...extract, files: { ...extract.files, [file]: CORRUPTIONS[corruption](extract.files[file], rng) } };
}
