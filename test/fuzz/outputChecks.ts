/**
 * What every report directory must satisfy, whatever the input: checked on
 * the files themselves with rules of their own (allowlists, a CSV parser),
 * not with the escaping code under test.
 */
import Papa from 'papaparse';
import type { Results, ShareRow } from '../../src/results.js';

/** Elements the HTML report may contain: its own structure and plain SVG drawing. */
const HTML_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'div', 'span', 'strong', 'em',
  'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'pre', 'code', 'section', 'small', 'br',
]);
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan', 'title', 'desc', 'defs', 'clippath', 'lineargradient', 'radialgradient', 'stop', 'pattern', 'mask']);

/** A cell a spreadsheet would run as a formula, unless it is just a number. */
const FORMULA_CELL = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function outputProblems(files: Map<string, string | Buffer>, ids: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [name, content] of files) {
    const text = typeof content === 'string' ? content : content.toString('utf8');
    for (const id of ids) if (text.includes(id)) problems.push(`${name}: holds person_id ${id}`);
    if (name.endsWith('.csv')) problems.push(...csvProblems(name, text));
    if (name.endsWith('.html')) problems.push(...markupProblems(name, text, (tag) => HTML_ELEMENTS.has(tag) || SVG_ELEMENTS.has(tag)));
    if (name.endsWith('.svg')) problems.push(...markupProblems(name, text, (tag) => SVG_ELEMENTS.has(tag)));
    if (name.endsWith('.md')) problems.push(...markdownProblems(name, text));
    if (name.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        problems.push(`${name}: not JSON`);
      }
    }
  }
  return problems;
}

function csvProblems(name: string, text: string): string[] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  if (parsed.errors.length > 0) return [`${name}: not readable CSV (${parsed.errors[0].message})`];
  const problems: string[] = [];
  const width = parsed.data[0]?.length;
  parsed.data.forEach((row, r) => {
    if (row.length !== width) problems.push(`${name}: row ${r + 1} has ${row.length} cells, the header ${width}`);
    for (const cell of row) if (FORMULA_CELL.test(cell) && !NUMBER.test(cell)) problems.push(`${name}: row ${r + 1} has a formula cell ${JSON.stringify(cell)}`);
  });
  return problems;
}

function markupProblems(name: string, text: string, allowed: (tag: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [, tag, attributes] of text.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    if (!allowed(tag.toLowerCase())) problems.push(`${name}: element <${tag}>`);
    for (const [, attribute, value] of attributes.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${name}: <${tag} ${attribute}>`);
      if ((lower === 'href' || lower.endsWith(':href') || lower === 'src') && !value.startsWith('#')) problems.push(`${name}: <${tag} ${attribute}="${value}">`);
    }
  }
  if (/<!--|<!\[CDATA\[|<\?/.test(text.replace(/^<!DOCTYPE html>/, ''))) problems.push(`${name}: comment, CDATA or processing instruction`);
  return problems;
}

/** Outside fenced code (which Markdown shows as text), no HTML and no links but to the report's own files. */
function markdownProblems(name: string, text: string): string[] {
  const problems: string[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, i) => {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) {
      fence = marker;
      return;
    }
    if (fence !== null) {
      if (line.startsWith(fence) && line.trim() === fence.trim()) fence = null;
      return;
    }
    if (/<[a-zA-Z/!?]/.test(line)) problems.push(`${name}: line ${i + 1} holds HTML: ${line.slice(0, 120)}`);
    // A link is `](target)` with an unescaped bracket; `\](…)` is text.
    for (const [, target] of line.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
      if (!/^<?charts\/[\w.-]+\.svg>?$/.test(target)) problems.push(`${name}: line ${i + 1} links to ${target}`);
    }
  });
  return problems;
}

/** The primary rule, stated again. */
const small = (n: number, events: number, min: number): boolean => n < min || (events > 0 && events < min) || (n - events > 0 && n - events < min);

/** Disclosure: no shown share row (main or composition) is a small cell, no arm of fewer than minCellSize persons is shown. */
export function disclosureProblems(results: Results): string[] {
  const min = results.config.minCellSize;
  const problems: string[] = [];
  if (results.disclosure?.applied !== true) problems.push('disclosure control was not applied');
  const composition = (results.composition as { shares?: ShareRow[] } | undefined)?.shares ?? [];
  for (const row of [...results.shares, ...composition]) {
    if (row.suppressed) {
      if (row.n !== null || row.events !== null || row.share !== null) problems.push(`suppressed row with values: ${JSON.stringify(row)}`);
    } else if (row.n === null || row.events === null || small(row.n, row.events, min)) {
      problems.push(`small cell shown: ${row.outcome} ${row.subgroup} ${row.arm} month ${row.month}: ${row.events} of ${row.n}`);
    }
  }
  for (const [arm, n] of Object.entries(results.n as Record<string, number | null>)) {
    if (n !== null && n < min) problems.push(`arm ${arm} shows ${n} persons`);
  }
  return problems;
}
