/**
 * Text of a byte range of a chunk, in the file's encoding. A reader calls
 * this for every value it keeps as a string (person ids above all), so it
 * uses Buffer's own slice decoders when the runtime has them: they skip the
 * argument handling of `toString(encoding, start, end)`, which costs more
 * than the decoding itself for an id of eight bytes.
 */
import { windows1252FromLatin1 } from './windows1252.js';

interface SliceDecoders {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

const prototype = Buffer.prototype as unknown as Partial<SliceDecoders>;
const hasSlices = typeof prototype.utf8Slice === 'function' && typeof prototype.latin1Slice === 'function';

/** The text of bytes[from, to): UTF-8 (ASCII included) or Windows-1252. */
export function decodeRange(bytes: Buffer, from: number, to: number, windows1252: boolean): string {
  if (!hasSlices) return windows1252 ? windows1252FromLatin1(bytes.toString('latin1', from, to)) : bytes.toString('utf8', from, to);
  const slices = bytes as unknown as SliceDecoders;
  return windows1252 ? windows1252FromLatin1(slices.latin1Slice(from, to)) : slices.utf8Slice(from, to);
}
