/**
 * Stops a read whose person ids are personal identity numbers.
 *
 * The rule: among the ids shaped like a personnummer or samordningsnummer
 * (10 or 12 digits with a date of birth that exists), refuse the file when
 * at least one has a valid check digit and valid check digits are more than
 * half of them. Real identity numbers all pass the check, so a file of them
 * (or a single one among short LopNr) is refused; pseudonyms that merely
 * have ten digits pass it one time in ten, so a file of those is read.
 * Every id is screened (a length test for ids that cannot be one), and the
 * refusal names lines only, never an id.
 */
import { DataError } from '../errors.js';
import { classifyIdentityNumber, type IdentityNumberKind } from './personalIdentity.js';

const LINES_NAMED = 5;

export class IdentityNumberScreen {
  private shaped = 0;
  private valid = 0;
  private readonly lines: number[] = [];

  note(id: string, line: number): void {
    if (id.length < 10 || id.length > 13) return;
    this.noteKind(classifyIdentityNumber(id), line);
  }

  /** `note` for an id already classified (a reader that classifies each distinct id once). */
  noteKind(kind: IdentityNumberKind, line: number): void {
    if (kind === 'other') return;
    this.shaped++;
    if (kind === 'identity-number') {
      this.valid++;
      if (this.lines.length < LINES_NAMED) this.lines.push(line);
    }
  }

  get refused(): boolean {
    return this.valid > 0 && this.valid * 2 > this.shaped;
  }

  /** Throws the refusal when the ids seen look like identity numbers. */
  throwIfRefused(file: string, column: string): void {
    if (!this.refused) return;
    const more = this.valid > this.lines.length ? ', …' : '';
    throw new DataError({
      file,
      line: this.lines[0],
      column,
      expected:
        `pseudonymized person ids (e.g. SCB's LopNr), not personal identity numbers: ` +
        `${this.valid} of ${this.shaped} ids shaped like a personnummer or samordningsnummer have a valid check digit ` +
        `(lines ${this.lines.join(', ')}${more}; the ids are withheld). Replace them with pseudonymized ids before the analysis`,
    });
  }
}
