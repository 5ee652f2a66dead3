/**
 * Text encodings of register extracts. Files come as UTF-8 (with or without
 * a byte-order mark) or, saved from Excel or older systems with Swedish
 * settings, as Windows-1252 (which covers the printable ISO-8859-1 range, so
 * å, ä, ö read the same under either name).
 *
 * The encoding is decided from the bytes, once per file: a BOM decides at
 * once; otherwise the first character that is not ASCII decides (ASCII
 * reads the same under both, so nothing is guessed before that). A valid
 * UTF-8 sequence there → UTF-8, anything else → Windows-1252 (Swedish
 * letters in Windows-1252, such as å = E5 followed by an ASCII letter, are
 * never valid UTF-8). A file that began as UTF-8 and later holds bytes that
 * are not, or began as Windows-1252 and later holds UTF-8 letters (C3 then
 * 80–BF: å ä ö é as UTF-8), mixes encodings: that stops the read
 * (EncodingMismatch) instead of turning letters into U+FFFD or into mojibake
 * such as "UmeÃ¥".
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeWindows1252 } from './windows1252.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Thrown when a file read in one encoding holds bytes of the other. */
export class EncodingMismatch extends Error {
  override name = 'EncodingMismatch';
  constructor(
    readonly byteOffset: number,
    /** The encoding the file began in. */
    readonly began: TextEncodingName,
  ) {
    super(`the file began as ${began} but holds other bytes at byte ${byteOffset}`);
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Decides and checks the encoding of one file, chunk by chunk, without
 * decoding it: the byte-level CSV scanner only needs to know that the bytes
 * are one encoding, and which. Per chunk it costs one native validation
 * pass, nothing per row; a chunk is copied only when the previous one ended
 * inside a character.
 */
export class ExtractEncoding {
  /** Undefined while everything read so far was ASCII. */
  private decided: TextEncodingName | undefined;
  /** Bytes of a character cut by the chunk boundary, kept for the next chunk. */
  private carry: Buffer | undefined;
  /** File offset of the first byte in `carry` (or of the next chunk). */
  private offset = 0;

  /** The encoding the file was read as; a file of ASCII only is valid UTF-8. */
  get encoding(): TextEncodingName {
    return this.decided ?? 'utf-8';
  }

  /** Whether the file was found to be Windows-1252 (else it decodes as UTF-8). */
  get windows1252(): boolean {
    return this.decided === 'windows-1252';
  }

  /**
   * Checks the next chunk (`final` at the end of the file) and returns its
   * bytes that form whole characters, a leading BOM left out, in the file's
   * encoding (ASCII while undecided). Throws EncodingMismatch.
   */
  take(chunk: Buffer, final: boolean): Buffer {
    let bytes = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    if (this.offset === 0 && this.decided === undefined) {
      if (!final && bytes.length < BOM.length && BOM.slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
        // A copy: the caller may reuse the chunk's memory for the next read.
        this.carry = Buffer.from(bytes);
        return EMPTY;
      }
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
        this.decided = 'utf-8-bom';
        bytes = bytes.subarray(BOM.length);
        this.offset = BOM.length;
      }
    }
    if (this.decided === undefined) return this.takeUndecided(bytes, final);
    return this.takeDecided(bytes, final);
  }

  /** ASCII so far: pass ASCII through, decide at the first byte above 0x7F. */
  private takeUndecided(bytes: Buffer, final: boolean): Buffer {
    if (isAscii(bytes)) {
      this.offset += bytes.length;
      return bytes;
    }
    const firstHigh = bytes.findIndex((b) => b > 0x7f);
    const length = utf8SequenceLength(bytes[firstHigh]);
    if (length > 0 && firstHigh + length > bytes.length && !final) {
      // The first non-ASCII character is cut by the chunk end: wait for the rest.
      const ascii = bytes.subarray(0, firstHigh);
      this.offset += ascii.length;
      this.carry = Buffer.from(bytes.subarray(firstHigh));
      return ascii;
    }
    const utf8 = length > 0 && firstHigh + length <= bytes.length && isUtf8(bytes.subarray(firstHigh, firstHigh + length));
    this.decided = utf8 ? 'utf-8' : 'windows-1252';
    return this.takeDecided(bytes, final);
  }

  private takeDecided(bytes: Buffer, final: boolean): Buffer {
    if (this.decided === 'windows-1252') {
      const utf8Letter = firstUtf8Latin1Letter(bytes);
      if (utf8Letter >= 0) throw new EncodingMismatch(this.offset + utf8Letter, 'windows-1252');
      this.offset += bytes.length;
      return bytes;
    }
    const complete = final ? bytes.length : completeUtf8Length(bytes);
    const whole = bytes.subarray(0, complete);
    if (!isUtf8(whole)) throw new EncodingMismatch(this.offset + firstInvalidUtf8(whole), this.encoding);
    if (complete < bytes.length) this.carry = Buffer.from(bytes.subarray(complete));
    this.offset += complete;
    return whole;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Bytes → text for one file, chunk by chunk, keeping characters whole across
 * chunk boundaries (ExtractEncoding decides and checks, this decodes).
 */
export class ExtractDecoder {
  private readonly check = new ExtractEncoding();

  /** The encoding the file was read as; a file of ASCII only is valid UTF-8. */
  get encoding(): TextEncodingName {
    return this.check.encoding;
  }

  write(chunk: Buffer): string {
    return this.decode(this.check.take(chunk, false));
  }

  /** Decodes what is left at the end of the file. */
  end(): string {
    return this.decode(this.check.take(EMPTY, true));
  }

  private decode(bytes: Buffer): string {
    return this.check.windows1252 ? decodeWindows1252(bytes) : bytes.toString('utf8');
  }
}

/**
 * The length of `bytes` without a trailing UTF-8 sequence that the chunk
 * boundary cut short (a lead byte whose continuation bytes are still to come).
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  let lead = n - 1;
  while (lead >= 0 && n - lead <= 3 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0) return n;
  const b = bytes[lead];
  const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return n - lead < needed ? lead : n;
}

/**
 * Where a UTF-8 letter of the Latin-1 range (C3 and a continuation byte: å, ä,
 * ö, é, …) first occurs, or -1. In Windows-1252 those two bytes read "Ã¥",
 * which no real text holds. Found with native indexOf, so cheap per chunk.
 */
function firstUtf8Latin1Letter(bytes: Buffer): number {
  for (let i = bytes.indexOf(0xc3); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0xc3, i + 1)) {
    if ((bytes[i + 1] & 0xc0) === 0x80) return i;
  }
  return -1;
}

/** Bytes in the UTF-8 sequence a lead byte starts; 0 when it cannot start one. */
function utf8SequenceLength(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}

/** Index of the first byte where `bytes` stop being valid UTF-8 (error path only). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes[i]);
    if (length === 0 || i + length > bytes.length) return i;
    if (!isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}
