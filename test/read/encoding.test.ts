import { describe, expect, it } from 'vitest';
import { completeUtf8Length, EncodingMismatch, ExtractDecoder, firstInvalidUtf8 } from '../../src/read/encoding.js';
import { decodeWindows1252 } from '../../src/read/windows1252.js';

/** Decodes bytes cut into chunks of `size`, as a file stream would deliver them. */
function decodeInChunks(bytes: Buffer, size: number): { text: string; encoding: string } {
  const decoder = new ExtractDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.write(bytes.subarray(i, i + size));
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

const SWEDISH = 'kommun\nUmeå\nVästerås\nJönköping\nÖrebro\nÅre\n';
// Å Ä Ö å ä ö and é in Windows-1252 (= ISO-8859-1 for these letters), written byte by byte.
const WINDOWS_1252 = Buffer.from([0x55, 0x6d, 0x65, 0xe5, 0x0a, 0xc4, 0xd6, 0xc5, 0xe4, 0xf6, 0xe9, 0x0a, 0x80]);

describe('ExtractDecoder', () => {
  it('reads UTF-8 whole whatever the chunk boundaries', () => {
    const bytes = Buffer.from(SWEDISH, 'utf8');
    for (const size of [1, 2, 3, 5, 7, 64 * 1024]) expect(decodeInChunks(bytes, size)).toEqual({ text: SWEDISH, encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark and says so', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SWEDISH, 'utf8')]);
    for (const size of [1, 2, 4, 64 * 1024]) expect(decodeInChunks(bytes, size)).toEqual({ text: SWEDISH, encoding: 'utf-8-bom' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 (å ä ö, and € at 0x80)', () => {
    for (const size of [1, 3, 64 * 1024]) {
      expect(decodeInChunks(WINDOWS_1252, size)).toEqual({ text: 'Umeå\nÄÖÅäöé\n€', encoding: 'windows-1252' });
    }
  });

  it('decides only when a non-ASCII byte comes, however late', () => {
    const late = Buffer.concat([Buffer.from('a,b\n'.repeat(50_000)), Buffer.from([0xd6, 0x41, 0x0a])]);
    const { text, encoding } = decodeInChunks(late, 64 * 1024);
    expect(encoding).toBe('windows-1252');
    expect(text.endsWith('a,b\nÖA\n')).toBe(true);
    expect(decodeInChunks(Buffer.from('a,b\n1,2\n'), 3)).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });

  it('reads a lone Windows-1252 letter at the very end of the file', () => {
    expect(decodeInChunks(Buffer.from([0x41, 0x0a, 0xf6]), 64)).toEqual({ text: 'A\nö', encoding: 'windows-1252' });
  });

  it('stops a file that began as UTF-8 and later holds other bytes, at the byte where it breaks', () => {
    const mixed = Buffer.concat([Buffer.from('Umeå\n', 'utf8'), Buffer.from('x'.repeat(100)), Buffer.from([0x0a, 0xf6, 0x0a])]);
    const decoder = new ExtractDecoder();
    expect(() => {
      decoder.write(mixed.subarray(0, 10));
      decoder.write(mixed.subarray(10));
      decoder.end();
    }).toThrow(EncodingMismatch);
    const again = new ExtractDecoder();
    again.write(mixed.subarray(0, 10));
    expect(again.encoding).toBe('utf-8');
    let offset = -1;
    try {
      again.write(mixed.subarray(10));
    } catch (error) {
      offset = (error as EncodingMismatch).byteOffset;
    }
    expect(offset).toBe(6 + 100 + 1); // 'Umeå\n' is 6 bytes in UTF-8
  });
});

describe('mixed encodings', () => {
  const thrown = (bytes: Buffer): EncodingMismatch | undefined => {
    try {
      decodeInChunks(bytes, 64 * 1024);
    } catch (error) {
      if (error instanceof EncodingMismatch) return error;
      throw error;
    }
    return undefined;
  };

  it('stops UTF-8 followed by Windows-1252 letters in the same chunk', () => {
    const error = thrown(Buffer.concat([Buffer.from('Umeå\n', 'utf8'), Buffer.from([0x47, 0xe4, 0x76, 0x6c, 0x65, 0x0a])]));
    expect(error).toMatchObject({ began: 'utf-8', byteOffset: 7 });
  });

  it('stops Windows-1252 followed by UTF-8 letters (which would read as "Ã¥")', () => {
    const error = thrown(Buffer.concat([Buffer.from([0x47, 0xe4, 0x76, 0x6c, 0x65, 0x0a]), Buffer.from('Umeå\n', 'utf8')]));
    expect(error).toMatchObject({ began: 'windows-1252', byteOffset: 9 });
  });
});

describe('UTF-8 helpers', () => {
  it('leaves off a character cut by the chunk end', () => {
    const a = Buffer.from('aå', 'utf8'); // 61 c3 a5
    expect(completeUtf8Length(a)).toBe(3);
    expect(completeUtf8Length(a.subarray(0, 2))).toBe(1);
    const euro = Buffer.from('€', 'utf8'); // e2 82 ac
    expect(completeUtf8Length(euro.subarray(0, 2))).toBe(0);
    expect(completeUtf8Length(Buffer.from([0x41, 0x80]))).toBe(2); // a stray continuation byte is invalid, not cut
  });

  it('finds the first byte that breaks UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('åäö', 'utf8'))).toBe(6);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc3, 0xa5, 0xe5, 0x41]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F as Windows-1252 does (not as ISO-8859-1 control codes)', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x8a, 0x91, 0x92, 0x96, 0x9f, 0x81]))).toBe('€Š‘’–Ÿ\u0081');
    expect(decodeWindows1252(Buffer.from([0x47, 0xf6, 0x74, 0x65, 0x62, 0x6f, 0x72, 0x67]))).toBe('Göteborg');
    // Every byte from 0xA0 up is the same code point (the printable ISO-8859-1 range).
    const high = Buffer.from(Array.from({ length: 96 }, (_, i) => 0xa0 + i));
    expect(Array.from(decodeWindows1252(high), (c) => c.charCodeAt(0))).toEqual(Array.from(high));
  });
});
