/**
 * Pseudonymized person ids: `P` and seven digits in order of randomization
 * (P0000001, P0000002, …). The letter keeps them from ever being read as a
 * Swedish personnummer (10 or 12 digits).
 */
export function personId(index: number): string {
  return `P${String(index + 1).padStart(7, '0')}`;
}
