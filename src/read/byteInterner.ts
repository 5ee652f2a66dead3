/**
 * Numbers distinct byte strings (codes, person ids) as they are first seen,
 * so that a reader decodes and looks up a value once per distinct value
 * instead of once per row. Keys live in one growing byte pool and an
 * open-addressing table of typed arrays: no object per key.
 */
import { decodeRange } from './byteText.js';

export class ByteInterner {
  /**
   * Open addressing, two ints a slot: the key's hash, and its id + 1
   * (0 = empty). The hash beside the id spares a second cache miss per probe
   * in a table of a million ids. The number of slots is a power of two.
   */
  private slots = new Int32Array(2 * 64);
  /** Id → hash of its key, to grow the table without rehashing keys. */
  private hashes = new Int32Array(32);
  /** Id i's key is pool[offsets[i], offsets[i + 1]). */
  private offsets = new Int32Array(33);
  private pool: Uint8Array = new Uint8Array(1024);
  /** The id found or added last: an extract sorted by person repeats it row after row. */
  private last = -1;
  private count = 0;

  /** Number of keys. */
  get size(): number {
    return this.count;
  }

  /**
   * The id of bytes[from, to), or -1 when it was never added. The key found
   * last and the one added after it are tried first: spells and costs sorted
   * by person, as extracts usually are, name the participants in the order
   * they were added, and those keys are found without a hash or a cache
   * miss in a table of a million.
   */
  find(bytes: Uint8Array, from: number, to: number): number {
    const last = this.last;
    if (last >= 0) {
      if (this.equals(last, bytes, from, to)) return last;
      if (last + 1 < this.count && this.equals(last + 1, bytes, from, to)) return (this.last = last + 1);
    }
    return this.lookup(bytes, from, to, hashOf(bytes, from, to));
  }

  /** The id of bytes[from, to), numbering it next when it is new (so a new id equals the size before). */
  id(bytes: Uint8Array, from: number, to: number): number {
    if (this.last >= 0 && this.equals(this.last, bytes, from, to)) return this.last;
    const hash = hashOf(bytes, from, to);
    const found = this.lookup(bytes, from, to, hash);
    return found >= 0 ? found : this.insert(bytes, from, to, hash);
  }

  /** Adds a key that `find` did not find. */
  add(bytes: Uint8Array, from: number, to: number): number {
    return this.insert(bytes, from, to, hashOf(bytes, from, to));
  }

  private lookup(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1] - 1;
      if (id < 0) return -1;
      if (slots[2 * slot] === hash && this.equals(id, bytes, from, to)) {
        this.last = id;
        return id;
      }
    }
  }

  private insert(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const id = this.count;
    if (id + 1 >= this.offsets.length) this.growKeys();
    const start = this.offsets[id];
    const end = start + (to - from);
    if (end > this.pool.length) this.pool = grownBytes(this.pool, end);
    const pool = this.pool;
    for (let i = from, k = start; i < to; i++, k++) pool[k] = bytes[i];
    this.offsets[id + 1] = end;
    this.hashes[id] = hash;
    this.count = id + 1;
    if (this.count > this.slots.length >> 2) this.growSlots();
    else this.place(id, hash);
    this.last = id;
    return id;
  }

  /** Every key as UTF-8 text, in the order they were added. */
  texts(): string[] {
    const pool = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.pool.length);
    const texts = new Array<string>(this.count);
    for (let id = 0; id < this.count; id++) texts[id] = decodeRange(pool, this.offsets[id], this.offsets[id + 1], false);
    return texts;
  }

  private equals(id: number, bytes: Uint8Array, from: number, to: number): boolean {
    let k = this.offsets[id];
    if (this.offsets[id + 1] - k !== to - from) return false;
    const pool = this.pool;
    for (let i = from; i < to; i++, k++) if (pool[k] !== bytes[i]) return false;
    return true;
  }

  private place(id: number, hash: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = id + 1;
  }

  /** Doubles the slots, keeping at most half of them filled. */
  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.count; id++) this.place(id, this.hashes[id]);
  }

  private growKeys(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const offsets = new Int32Array(hashes.length + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }
}

/**
 * FNV-1a over the key, then MurmurHash3's finalizer: FNV alone leaves the
 * low bits (the slot) poorly mixed for ids that differ only in the last
 * digits, such as P0000001 … P1000000.
 */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function grownBytes(bytes: Uint8Array, needed: number): Uint8Array {
  let size = bytes.length * 2;
  while (size < needed) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(bytes);
  return grown;
}
