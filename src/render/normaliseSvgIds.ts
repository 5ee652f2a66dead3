/**
 * Vega numbers clip paths and gradients from counters that live for the whole
 * process (`clip1`, `clip2`, … across renders), so the same chart rendered
 * twice gets different ids. Renaming every id by order of appearance, with a
 * caller-chosen prefix, makes the SVG byte-identical across renders and lets
 * several charts share one HTML page without id clashes.
 */
const ID_DEFINITION = /\bid="([^"]+)"/g;
const ID_USE = /(\bid="|url\(#|href="#)([^")]+)/g;

export function normaliseSvgIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(ID_DEFINITION)) {
    if (!renamed.has(match[1])) renamed.set(match[1], `${prefix}-${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(ID_USE, (whole, lead: string, id: string) => {
    const next = renamed.get(id);
    return next === undefined ? whole : lead + next;
  });
}
