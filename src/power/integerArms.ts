/**
 * Whole persons per arm for a total split by fractions (largest remainder:
 * each arm gets the floor of its share, the persons left over go to the arms
 * with the largest remainders, earlier arms first on ties), so the arms add
 * up to the total exactly.
 * @example integerArms(1063, [1/3, 1/3, 1/3]) // [355, 354, 354]
 */
export function integerArms(total: number, fractions: readonly number[]): number[] {
  const exact = fractions.map((a) => total * a);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => ({ i, remainder: x - counts[i] })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}
