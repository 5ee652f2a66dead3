/**
 * Prepares a chart SVG for inlining into the HTML report. Vega escapes the
 * text it writes, but the report should not have to trust that: the SVG is
 * read token by token (elements, attributes, text) and refused unless it is
 * plain drawing markup, so nothing in it can run script or load anything.
 *
 * Only markup is judged, never text: a chart label may well read
 * "url(http://…)" or `onload="…"` (an arm name from the data), and as text
 * it is harmless. Ids get a per-chart prefix so two charts on one page
 * cannot share a clip path by accident.
 */
import { normaliseSvgIds } from '../render/normaliseSvgIds.js';

/** Drawing elements Vega writes; no script, foreignObject, image, use, a, style, animation. */
const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan',
  'title', 'desc', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'mask',
]);

/**
 * One token at a time, anchored (sticky): a closing tag, an opening or
 * self-closing tag whose attribute values are double-quoted without `"` or
 * `<` in them (Vega escapes both), or text without `<`. Anything else —
 * comments, CDATA, processing instructions, doctype, unquoted attributes —
 * matches nothing and refuses the SVG.
 */
const TOKEN = /<\/([A-Za-z][\w.:-]*)\s*>|<([A-Za-z][\w.:-]*)((?:\s+[A-Za-z_:][\w.:-]*\s*=\s*"[^"<]*")*)\s*\/?>|[^<]+/y;
const ATTRIBUTE = /([A-Za-z_:][\w.:-]*)\s*=\s*"([^"<]*)"/g;

export class UnsafeSvgError extends Error {
  override name = 'UnsafeSvgError';
}

export function inlineSvg(svg: string, idPrefix: string): string {
  const trimmed = svg.trim();
  const problem = activeContent(trimmed);
  if (problem !== undefined) {
    throw new UnsafeSvgError(`Chart ${idPrefix} is not a plain SVG (${problem}): refusing to inline it into the report`);
  }
  return normaliseSvgIds(trimmed, idPrefix);
}

/** Why the SVG could run or load something, or undefined when it is plain drawing markup. */
export function activeContent(svg: string): string | undefined {
  if (!svg.startsWith('<svg')) return 'it does not start with <svg';
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < svg.length) {
    const at = TOKEN.lastIndex;
    const token = TOKEN.exec(svg);
    if (token === null) return `unexpected markup at character ${at}`;
    const element = token[1] ?? token[2];
    if (element === undefined) continue; // text
    if (!ALLOWED_ELEMENTS.has(element)) return `element <${element}>`;
    for (const [, name, raw] of (token[3] ?? '').matchAll(ATTRIBUTE)) {
      const problem = attributeProblem(name, raw.includes('&') ? decodeEntities(raw) : raw);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/**
 * Presentation attributes whose value can be a url(…) reference. Others
 * (aria-label, class, font-family, …) hold text that is never fetched, so
 * a label reading "url(http://…)" there is only text.
 */
const URL_ATTRIBUTES = new Set(['fill', 'stroke', 'clip-path', 'mask', 'filter', 'marker-start', 'marker-mid', 'marker-end', 'cursor']);

function attributeProblem(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return `event handler attribute ${name}`;
  if (lower === 'style') return 'style attribute';
  if (lower === 'href' || lower.endsWith(':href') || lower === 'src') {
    return value.trim().startsWith('#') ? undefined : `${name} to outside the chart`;
  }
  // Paints and clip paths may point into the chart (url(#id)), nowhere else.
  if (URL_ATTRIBUTES.has(lower) && /url\s*\(\s*(?!['"]?#)/i.test(value)) return `${name} loading an outside resource`;
  return undefined;
}

/** Character references are decoded before the checks, so `url&#40;` cannot pass for something else. */
function decodeEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return named[body.toLowerCase()] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
