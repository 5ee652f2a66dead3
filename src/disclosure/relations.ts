/**
 * Complementary suppression by subtraction.
 *
 * A relation states that published counts add up: total = part₁ + … + partₖ.
 * When exactly one cell of a relation is hidden, the others give it back by
 * subtraction, so a second cell of the same relation is hidden as well. And
 * while the total is known, the hidden cells together are known too: their
 * sum must not itself be a small count (1 … minCellSize − 1 persons in or out
 * of the outcome), or a cell hidden because of 2 persons hidden together with
 * one of 0 would still say "2". One hidden cell can change another relation,
 * so this repeats until every relation is safe.
 *
 * Pure and generic: cells are plain indices, and the caller says which
 * relations hold among them, which counts each cell holds, and which cell is
 * cheapest to give up.
 */

export interface Relation {
  /** Cell indices whose counts add up to the total. */
  parts: readonly number[];
  /**
   * Cell index of the total when it is a cell that can be hidden (e.g. the
   * `all` row); null when the total is published elsewhere and is always
   * known (e.g. the number of persons randomized).
   */
  total: number | null;
}

export interface SuppressionRule {
  /**
   * Orders candidate cells: the complement taken is the smallest under this
   * order (fewest persons first), ties keep the order of `parts`.
   */
  order: (a: number, b: number) => number;
  /** Counts that must not be small, summed over the hidden parts: e.g. [events, non-events]. Null: not known. */
  counts?: (cell: number) => readonly (number | null)[] | null;
  minCellSize: number;
}

/**
 * Returns a copy of `hidden` (1 = hidden) closed under the relations: no
 * relation ends with exactly one hidden cell, and none with a known total
 * whose hidden parts add up to a small count. A part is preferred as the
 * complement; the total is hidden only when no part is left to hide.
 * Deterministic: the same inputs give the same cells.
 */
export function completeSuppression(hidden: Uint8Array, relations: readonly Relation[], rule: SuppressionRule): Uint8Array {
  const result = Uint8Array.from(hidden);
  const byCell = relationsByCell(result.length, relations);
  const queued = new Uint8Array(relations.length).fill(1);
  const queue: number[] = relations.map((_, index) => index);

  const hide = (cell: number): void => {
    result[cell] = 1;
    for (const r of byCell.get(cell) ?? []) {
      if (queued[r] === 0) {
        queued[r] = 1;
        queue.push(r);
      }
    }
  };

  // A queue rather than repeated sweeps: only relations touching a newly
  // hidden cell can change, so each is looked at again only then.
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head];
    queued[r] = 0;
    const relation = relations[r];
    if (!needsMore(result, relation, rule)) continue;
    const complement = cheapestVisiblePart(result, relation.parts, rule.order)
      ?? (relation.total !== null && result[relation.total] === 0 ? relation.total : undefined);
    // Without a complement every cell is hidden already or the total is
    // public: nothing more this relation can give up.
    if (complement === undefined) continue;
    hide(complement);
    // hide() queued this relation again (it touches the cell), so it is
    // looked at once more in case one complement was not enough.
    
  }
  return result;
}

function needsMore(hidden: Uint8Array, relation: Relation, rule: SuppressionRule): boolean {
  const totalHidden = relation.total !== null && hidden[relation.total] === 1;
  const hiddenParts = relation.parts.filter((part) => hidden[part] === 1);
  const count = hiddenParts.length + (totalHidden ? 1 : 0);
  if (count === 0) return false;
  if (count === 1) return true;
  if (totalHidden || rule.counts === undefined) return false;
  if (hiddenParts.length === relation.parts.length && relation.total === null) return false;
  return hiddenSumIsSmall(hiddenParts, rule);
}

function hiddenSumIsSmall(parts: readonly number[], rule: SuppressionRule): boolean {
  const sums: number[] = [];
  for (const part of parts) {
    const counts = rule.counts!(part);
    if (counts === null || counts.some((c) => c === null)) return false;
    counts.forEach((c, k) => (sums[k] = (sums[k] ?? 0) + c!));
  }
  return sums.some((sum) => sum >= 1 && sum < rule.minCellSize);
}

function cheapestVisiblePart(hidden: Uint8Array, parts: readonly number[], order: SuppressionRule['order']): number | undefined {
  let best: number | undefined;
  for (const part of parts) {
    if (hidden[part] === 1) continue;
    if (best === undefined || order(part, best) < 0) best = part;
  }
  return best;
}

function relationsByCell(cells: number, relations: readonly Relation[]): Map<number, number[]> {
  const byCell = new Map<number, number[]>();
  const add = (cell: number, r: number): void => {
    if (!Number.isInteger(cell) || cell < 0 || cell >= cells) throw new RangeError(`relation ${r} names cell ${cell}, outside 0…${cells - 1}`);
    const list = byCell.get(cell);
    if (list === undefined) byCell.set(cell, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  relations.forEach((relation, r) => {
    for (const part of relation.parts) add(part, r);
    if (relation.total !== null) add(relation.total, r);
  });
  return byCell;
}

/**
 * Whether subtraction gives a hidden cell back closely enough to count as
 * recovery: `slack` is total − Σ parts (persons in the total but in no part,
 * e.g. with a missing subgroup level). Exact when 0; with fewer than
 * `minCellSize` such persons the hidden cell is still pinned down to within
 * fewer persons than the threshold protects, so that counts as recoverable
 * too. Unknown slack (a value not available) counts as recoverable.
 */
export function isRecoverable(slack: number | null, minCellSize: number): boolean {
  return slack === null || Math.abs(slack) < minCellSize;
}

/** Ascending counts with unknown (null) ones last: for choosing the complement that gives up fewest persons. */
export function compareCounts(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
