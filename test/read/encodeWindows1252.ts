/**
 * Test helper: text → Windows-1252 bytes, written independently of the
 * reader's decoder. Covers ASCII and the printable ISO-8859-1 range (where
 * Windows-1252 has the same byte as the code point: å = 0xE5, Ö = 0xD6).
 */
export function encodeWindows1252(text: string): Buffer {
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`no Windows-1252 byte in this helper for U+${code.toString(16)}`);
  }
  return Buffer.from(text, 'latin1');
}
