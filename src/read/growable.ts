/**
 * An Int32Array that grows by doubling: columns of unknown length (spells
 * streamed from a file) stay in typed memory instead of arrays of boxed
 * numbers.
 */
export class GrowableInt32 {
  private data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The filled part, sharing memory with this buffer. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  /** A right-sized copy. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
