/**
 * The published counts of one population as one system of cells and
 * additive lines, so that disclosure control sees every table at once.
 *
 * The same number shown in two places is one cell: a municipality's total
 * appears in every tabulation, a level's total is also a Table 1 share, N is
 * every grand total. Suppressing it in one table and showing it in another
 * would undo the protection, so cells are shared by key.
 */

export interface CellSystem {
  /** Persons in each cell. */
  readonly values: readonly number[];
  /** Each line lists cell indices; its last cell is the sum of the others (a row or column with its total). */
  readonly lines: readonly (readonly number[])[];
  /**
   * Per line: true when its total counts an identifiable group (a
   * municipality, a whole population). When such a group is small, the
   * zeros of its line are hidden too, since they would tell which
   * categories its few persons are in (all men, all one diagnosis).
   */
  readonly groupLines?: readonly boolean[];
}

export class CellRegistry implements CellSystem {
  readonly values: number[] = [];
  readonly lines: number[][] = [];
  readonly groupLines: boolean[] = [];
  private readonly byKey = new Map<string, number>();

  /** The cell of `key`, created with `value` on first use. */
  cell(key: string, value: number): number {
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      // Two tables disagreeing on a shared count would be a counting bug, not a data problem.
      if (this.values[existing] !== value) throw new Error(`cell ${JSON.stringify(key)} counted as ${this.values[existing]} and as ${value}`);
      return existing;
    }
    this.byKey.set(key, this.values.length);
    this.values.push(value);
    return this.values.length - 1;
  }

  /** Declares that the cells `parts` add up to the cell `total`; `group` as in CellSystem.groupLines. */
  line(parts: readonly number[], total: number, group = false): void {
    const sum = parts.reduce((s, cell) => s + this.values[cell], 0);
    if (sum !== this.values[total]) throw new Error(`a line's cells add up to ${sum}, its total is ${this.values[total]}`);
    this.lines.push([...parts, total]);
    this.groupLines.push(group);
  }
}
