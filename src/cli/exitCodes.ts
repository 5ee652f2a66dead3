/** Exit codes of cli.md. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  data: 3,
} as const;
