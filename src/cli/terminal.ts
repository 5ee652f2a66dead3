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
