/**
 * What a reader derives from a column's text (a spell type, an arm, a level),
 * computed once per distinct text and then found by the field's bytes, so a
 * row costs a hash of a few bytes instead of a string and a lookup.
 */
import { ByteInterner } from './byteInterner.js';
import type { CsvRow } from './byteScanner.js';
import { decodeRange } from './byteText.js';

/** Slots of the cache of short texts: a slot is the top 8 bits of a hash. */
const CACHE_SLOTS = 256;

export class FieldValues<T> {
  private readonly keys = new ByteInterner();
  private readonly values: T[] = [];
  /**
   * Texts of one to four bytes (codes, 0/1, ages, K/M), the common case,
   * are found without the interner: packed into an int, in a direct-mapped
   * cache that remembers the interner's id.
   */
  private readonly cachedLength = new Uint8Array(CACHE_SLOTS);
  private readonly cachedBytes = new Int32Array(CACHE_SLOTS);
  private readonly cachedId = new Int32Array(CACHE_SLOTS);

  /**
   * `valueOf` gets the field's text without surrounding blanks, as
   * `String.prototype.trim` leaves it. Past `limit` distinct texts (a
   * column of free numbers) new texts are no longer remembered.
   */
  constructor(
    private readonly valueOf: (text: string) => T,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  /** The value of field `i` of `row`. */
  get(row: CsvRow, i: number): T {
    if (!row.trim(i)) return this.valueOf(row.text(i).trim());
    const bytes = row.bytes;
    const from = row.from;
    const to = row.to;
    const length = to - from;
    let slot = -1;
    let packed = 0;
    if (length >= 1 && length <= 4) {
      for (let k = from; k < to; k++) packed = (packed << 8) | bytes[k];
      slot = Math.imul(packed ^ length, 0x9e3779b1) >>> 24;
      if (this.cachedLength[slot] === length && this.cachedBytes[slot] === packed) return this.values[this.cachedId[slot]];
    }
    let id = this.keys.find(bytes, from, to);
    if (id < 0) {
      const value = this.valueOf(decodeRange(bytes, from, to, row.windows1252));
      if (this.keys.size >= this.limit) return value;
      id = this.keys.add(bytes, from, to);
      this.values.push(value);
    }
    if (slot >= 0) {
      this.cachedLength[slot] = length;
      this.cachedBytes[slot] = packed;
      this.cachedId[slot] = id;
    }
    return this.values[id];
  }
}
