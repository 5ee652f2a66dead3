/**
 * Windows-1252 bytes → text. Not Node's TextDecoder('windows-1252'): since
 * Node 20.18.3 / 22.13.0 it decodes as ISO-8859-1 and turns 0x80–0x9F
 * (€ ‚ „ … ‘ ’ “ ” – — Š š Ž ž Œ œ Ÿ …) into invisible C1 control codes
 * (nodejs/node#60888). Latin-1 decoding is native and exact for every other
 * byte; the 32 bytes that differ are mapped here (WHATWG index-windows-1252,
 * which keeps 0x81, 0x8D, 0x8F, 0x90, 0x9D as they are), and only in chunks
 * that hold any.
 */

const HIGH_CONTROLS = /[\u0080-\u009f]/g;

const FROM_0X80 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
].map((code) => String.fromCharCode(code));

export function decodeWindows1252(bytes: Buffer): string {
  return windows1252FromLatin1(bytes.toString('latin1'));
}

/** Windows-1252 text from the same bytes decoded as Latin-1. */
export function windows1252FromLatin1(latin1: string): string {
  HIGH_CONTROLS.lastIndex = 0;
  if (!HIGH_CONTROLS.test(latin1)) return latin1;
  return latin1.replace(HIGH_CONTROLS, (c) => FROM_0X80[c.charCodeAt(0) - 0x80]);
}
