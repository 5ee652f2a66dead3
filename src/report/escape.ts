/**
 * Escaping for text that comes from data or config (arm codes, outcome and
 * subgroup names, file names, warnings). Every piece of report text passes
 * through one of these on its way out; renderers never concatenate raw text.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * Markdown renders inline HTML and interprets punctuation, so `& < >` become
 * entities and inline markup characters get a backslash (including `|`,
 * which would split a table cell). Line breaks become spaces so a value
 * cannot end a table row or start a block of its own. Use this for text
 * inside a line: table cells, captions, link text.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/[&<>]/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * For text that starts a block (paragraph, list item, heading): also escapes
 * what only means something at the start of a line (`#`, `-`, `+`, `=`,
 * `1.`), so a warning cannot turn into a heading or a nested list. Numbers
 * inside the text stay unescaped, e.g. "26.0 %".
 */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdownInline(text)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
