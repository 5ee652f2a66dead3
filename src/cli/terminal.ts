import { Chalk } from 'chalk';

/**
 * Colour for stderr messages. chalk does not itself honour NO_COLOR
 * (https://no-color.org), so a set, non-empty NO_COLOR turns colour off here.
 */
export const paint = new Chalk(process.env.NO_COLOR ? { level: 0 } : {});

/** Messages and progress go to stderr; stdout is reserved for --json. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function progress(message: string): void {
  say(paint.dim(`· ${message}`));
}

/** Messages can carry values read from input files. */
const LONGEST_LINE = 300;

/**
 * One line of safe text: the first line only, control characters shown as
 * escapes (a value from a file must not move the cursor or recolour the
 * terminal), and cut short, so a 10 MB field cannot flood the screen.
 */
export function oneLine(text: string): string {
  const first = text.split(/\r\n|\r|\n/, 1)[0];
  // eslint-disable-next-line no-control-regex
  const safe = first.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > LONGEST_LINE ? `${safe.slice(0, LONGEST_LINE)}… (${safe.length - LONGEST_LINE} more characters)` : safe;
}
