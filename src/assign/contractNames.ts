import type { CsvHeader } from '../read/csvStream.js';

/**
 * The contract names of a header's columns (lower case), undoing a config's
 * `columns` renaming (contract name → name in the file), so that defaults
 * that depend on which columns exist (`block`) see the contract's names.
 */
export function contractNames(header: CsvHeader, rename: Readonly<Record<string, string>>): string[] {
  const contractName = new Map(Object.entries(rename).map(([contract, inFile]) => [inFile.toLowerCase(), contract]));
  return header.names.map((n) => contractName.get(n.toLowerCase()) ?? n.toLowerCase());
}

/** The name a contract column has in a file under the config's renaming. */
export function fileName(contract: string, rename: Readonly<Record<string, string>>): string {
  return rename[contract] ?? contract;
}
