/**
 * The typed columns readSpells fills, one spell a row: one capacity check a
 * spell rather than one a value, for the millions of spells of a national
 * extract.
 */
export class SpellColumns {
  length = 0;
  person = new Int32Array(1 << 16);
  start = new Int32Array(1 << 16);
  end = new Int32Array(1 << 16);
  /** Index into SPELL_TYPES. */
  type = new Uint8Array(1 << 16);

  push(person: number, start: number, end: number, type: number): void {
    const at = this.length;
    if (at === this.person.length) this.grow();
    this.person[at] = person;
    this.start[at] = start;
    this.end[at] = end;
    this.type[at] = type;
    this.length = at + 1;
  }

  /** Right-sized copies of the columns. */
  columns(): { person: Int32Array; start: Int32Array; end: Int32Array; type: Uint8Array } {
    const n = this.length;
    return { person: this.person.slice(0, n), start: this.start.slice(0, n), end: this.end.slice(0, n), type: this.type.slice(0, n) };
  }

  private grow(): void {
    const size = this.person.length * 2;
    this.person = grown(this.person, new Int32Array(size));
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.type = grown(this.type, new Uint8Array(size));
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
