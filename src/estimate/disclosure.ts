/**
 * The primary disclosure-control rule: a share is suppressed when its
 * denominator is below the threshold, or when its persons in or out of the
 * outcome number between 1 and threshold − 1 (a small cell). Zero persons in
 * or out is not small: "nobody" identifies no one. Complementary
 * suppression, which stops a small cell from being recovered by subtraction,
 * is applied to the whole results afterwards (src/disclosure).
 */
export function isSmallCell(events: number, n: number, minCellSize: number): boolean {
  if (n < minCellSize) return true;
  const rest = n - events;
  return (events >= 1 && events < minCellSize) || (rest >= 1 && rest < minCellSize);
}
