/**
 * Person ids as bytes. readParticipants keeps the participants' ids as
 * their UTF-8 bytes in one index (ParticipantIds), not as a million
 * strings in a Map: at national scale the strings and the Map cost more
 * than the rest of the file. The strings (`ids`, `indexOf`) are made only
 * when asked for. spells.csv and costs.csv find participants in that index
 * from the field's bytes (PersonLookup): a row costs a hash of a few bytes
 * and no string, when the file is UTF-8 too or the id is ASCII; other ids
 * take the string path, once per distinct id.
 */
import { ByteInterner } from './byteInterner.js';
import type { CsvRow } from './byteScanner.js';
import { decodeRange } from './byteText.js';
import { FieldValues } from './fieldValues.js';
import { GrowableInt32 } from './growable.js';
import type { IdentityNumberScreen } from './identityScreen.js';
import type { Participants } from './participants.js';
import { classifyIdentityNumber, type IdentityNumberKind } from './personalIdentity.js';

/** The kinds of ids that are no participant, numbered for PersonLookup results -1, -2, -3. */
export const UNMATCHED_KINDS: readonly IdentityNumberKind[] = ['other', 'bad-check-digit', 'identity-number'];

/** Byte indexes of the ids of participants read by readParticipants, kept beside them without widening their type. */
const byteIndexes = new WeakMap<Participants, ByteInterner>();

/** What ParticipantIds.read says of an id besides its row: empty, or seen for the first time. */
export const EMPTY_ID = -2;
export const NEW_ID = -1;

/** The person_id column of participants.csv, read into a byte index. */
export class ParticipantIds {
  private readonly keys = new ByteInterner();
  /** Key → the latest row that held it. */
  private readonly latestRow = new GrowableInt32();
  private rows = 0;

  /**
   * Reads the id in field `i` (its text without surrounding blanks) and
   * notes it with the identity screen; returns EMPTY_ID, NEW_ID, or the
   * latest earlier row (0-based, among the rows read) with the same id.
   */
  read(row: CsvRow, i: number, identities: IdentityNumberScreen): number {
    const before = this.keys.size;
    let key: number;
    let empty: boolean;
    if (row.trim(i) && (!row.windows1252 || isAscii(row.bytes, row.from, row.to))) {
      key = this.keys.id(row.bytes, row.from, row.to);
      empty = row.from === row.to;
      // Only ids of 10 to 13 characters can be identity numbers; an id of other length in bytes is one in characters, or not ASCII.
      const length = row.to - row.from;
      if (length >= 10 && length <= 13) identities.note(decodeRange(row.bytes, row.from, row.to, row.windows1252), row.line);
    } else {
      const id = row.text(i).trim();
      const utf8 = Buffer.from(id, 'utf8');
      key = this.keys.id(utf8, 0, utf8.length);
      empty = id === '';
      identities.note(id, row.line);
    }
    const result = empty ? EMPTY_ID : key < before ? this.latestRow.view()[key] : NEW_ID;
    if (key < before) this.latestRow.view()[key] = this.rows;
    else this.latestRow.push(this.rows);
    this.rows++;
    return result;
  }

  /**
   * The ids of the rows read, as strings, and their index, made when first
   * asked for; `participants` gets them as properties and the byte index
   * for PersonLookup. Only for ids that are all distinct (one per row).
   */
  attach(participants: Omit<Participants, 'ids' | 'indexOf'>): Participants {
    const keys = this.keys;
    let ids: string[] | undefined;
    let indexOf: Map<string, number> | undefined;
    const attached = Object.defineProperties(participants, {
      ids: { enumerable: true, get: () => (ids ??= keys.texts()) },
      indexOf: { enumerable: true, get: () => (indexOf ??= new Map(attached.ids.map((id, p) => [id, p]))) },
    }) as Participants;
    if (keys.size === attached.count) byteIndexes.set(attached, keys);
    return attached;
  }
}

/** Distinct ids remembered on the string path (no participant, mostly): a bound on memory for a file of strangers. */
const TEXT_LIMIT = 1 << 20;

export class PersonLookup {
  private readonly ids: ByteInterner | undefined;
  private readonly byText: FieldValues<number>;

  constructor(participants: Participants) {
    // Participants put together otherwise are looked up by text.
    const ids = byteIndexes.get(participants);
    this.ids = ids;
    const indexOf = (id: string): number | undefined => {
      if (ids === undefined) return participants.indexOf.get(id);
      const utf8 = Buffer.from(id, 'utf8');
      const found = ids.find(utf8, 0, utf8.length);
      return found >= 0 ? found : undefined;
    };
    this.byText = new FieldValues((id) => indexOf(id) ?? -1 - UNMATCHED_KINDS.indexOf(classifyIdentityNumber(id)), TEXT_LIMIT);
  }

  /**
   * The participant index of the id in field `i` (its text without
   * surrounding blanks); for an id that is no participant,
   * -1 - (its kind's index in UNMATCHED_KINDS), for the identity screen.
   */
  get(row: CsvRow, i: number): number {
    if (this.ids !== undefined && row.trim(i) && (!row.windows1252 || isAscii(row.bytes, row.from, row.to))) {
      const found = this.ids.find(row.bytes, row.from, row.to);
      if (found >= 0) return found;
    }
    return this.byText.get(row, i);
  }
}

/** Whether bytes[from, to) are ASCII, where Windows-1252 and UTF-8 agree. */
export function isAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] >= 0x80) return false;
  return true;
}
