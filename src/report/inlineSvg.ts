/**
 * Prepares a chart SVG for inlining into the HTML report. Vega escapes the
 * text it writes, but the report should not have to trust that: an SVG that
 * could run script or load anything is refused. Ids get a per-chart prefix
 * so two charts on one page cannot share a clip path by accident.
 */
import { normaliseSvgIds } from '../render/normaliseSvgIds.js';

const ACTIVE_CONTENT = /<script|<foreignObject|<iframe|<image|\son[a-z]+\s*=\s*"|(?:xlink:)?href\s*=\s*"(?!#)|url\((?!#)/i;

export function inlineSvg(svg: string, idPrefix: string): string {
  const trimmed = svg.trim();
  if (!trimmed.startsWith('<svg') || ACTIVE_CONTENT.test(trimmed)) {
    throw new Error(`Chart ${idPrefix} is not a plain SVG: refusing to inline it into the report`);
  }
  return normaliseSvgIds(trimmed, idPrefix);
}
