/**
 * Spells in columns (typed arrays), so that a million persons' seven million
 * spells take about 13 bytes each instead of a JavaScript object each.
 */

import { OPEN_END } from '../read/spells.js';

/** `end` of a spell still running at the extract date (written as an empty field). */
export { OPEN_END };

/** Finished columns; index j is one spell, grouped by person in person order. */
export interface SimulatedSpells {
  count: number;
  /** Person index (0-based; person_id is formatted from it). */
  person: Int32Array;
  start: Int32Array;
  /** Inclusive last day, or OPEN_END. */
  end: Int32Array;
  /** Index into SOURCE_CODES. */
  code: Uint8Array;
}

export class SpellColumnsBuilder {
  private count = 0;
  private person: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private code: Uint8Array;

  constructor(expectedCount: number) {
    const capacity = Math.max(16, Math.ceil(expectedCount));
    this.person = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.code = new Uint8Array(capacity);
  }

  push(person: number, start: number, end: number, code: number): void {
    if (this.count === this.person.length) this.grow();
    const j = this.count++;
    this.person[j] = person;
    this.start[j] = start;
    this.end[j] = end;
    this.code[j] = code;
  }

  /** The columns trimmed to their length (copied, so the spare capacity is freed). */
  finish(): SimulatedSpells {
    const n = this.count;
    return {
      count: n,
      person: this.person.slice(0, n),
      start: this.start.slice(0, n),
      end: this.end.slice(0, n),
      code: this.code.slice(0, n),
    };
  }

  private grow(): void {
    const capacity = Math.ceil(this.person.length * 1.5);
    this.person = copyInto(new Int32Array(capacity), this.person);
    this.start = copyInto(new Int32Array(capacity), this.start);
    this.end = copyInto(new Int32Array(capacity), this.end);
    this.code = copyInto(new Uint8Array(capacity), this.code);
  }
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
