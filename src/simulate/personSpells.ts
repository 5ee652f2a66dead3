/**
 * One person's spells while they are being built: raw (unclipped) spells in
 * a reusable buffer, then sorted by start, clipped at the extract date and
 * appended to the columns.
 */
import { OPEN_END, type SpellColumnsBuilder } from './spellColumns.js';

export class PersonSpellBuffer {
  private count = 0;
  private start = new Int32Array(64);
  private end = new Int32Array(64);
  private code = new Uint8Array(64);

  constructor(
    private readonly extractDate: number,
    private readonly columns: SpellColumnsBuilder,
  ) {}

  /** Adds a spell; `end` may be OPEN_END or fall after the extract date (clipped on flush). */
  add(start: number, end: number, code: number): void {
    if (this.count === this.start.length) this.grow();
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.code[this.count] = code;
    this.count++;
  }

  /** Moves the end of the spell added last `days` later (an overlap with what follows). */
  extendLast(days: number): void {
    const j = this.count - 1;
    if (j >= 0 && this.end[j] !== OPEN_END) this.end[j] += days;
  }

  /**
   * Appends the spells to the columns for `person`, sorted by start (then
   * end): what starts after the extract date is left out, and what runs to or
   * past it becomes open-ended, as in a real extract.
   */
  flush(person: number): void {
    this.sortByStart();
    for (let j = 0; j < this.count; j++) {
      const start = this.start[j];
      if (start > this.extractDate) continue;
      const end = this.end[j] >= this.extractDate ? OPEN_END : this.end[j];
      this.columns.push(person, start, end, this.code[j]);
    }
    this.count = 0;
  }

  /** Insertion sort: a person has a few dozen spells at most, mostly in order already. */
  private sortByStart(): void {
    const { start, end, code } = this;
    for (let j = 1; j < this.count; j++) {
      const s = start[j];
      const e = end[j];
      const c = code[j];
      let i = j - 1;
      while (i >= 0 && (start[i] > s || (start[i] === s && end[i] > e))) {
        start[i + 1] = start[i];
        end[i + 1] = end[i];
        code[i + 1] = code[i];
        i--;
      }
      start[i + 1] = s;
      end[i + 1] = e;
      code[i + 1] = c;
    }
  }

  private grow(): void {
    const capacity = this.start.length * 2;
    const start = new Int32Array(capacity);
    const end = new Int32Array(capacity);
    const code = new Uint8Array(capacity);
    start.set(this.start);
    end.set(this.end);
    code.set(this.code);
    this.start = start;
    this.end = end;
    this.code = code;
  }
}
