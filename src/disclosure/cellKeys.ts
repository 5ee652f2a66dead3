/**
 * How share rows are grouped for disclosure control: by the persons they
 * count (subgroup × arm × month, the same for every outcome) and by which
 * subgroup variable a label belongs to.
 */

/** Identifies the persons a share row counts; outcome-free, since n does not depend on the outcome. */
export function personsKey(row: { subgroup: string; arm: string; month: number | null }): string {
  return `${row.subgroup}\u0000${row.arm}\u0000${row.month}`;
}

/** The subgroup variable of a label `<variable>=<level>`, or undefined for `all` and unknown labels. */
export function subgroupVariable(label: string, variables: readonly string[]): string | undefined {
  let found: string | undefined;
  // Longest match first, so a variable whose name starts like another's
  // (`age` and `age=band`) still gets its own levels.
  for (const variable of variables) {
    if (label.startsWith(`${variable}=`) && (found === undefined || variable.length > found.length)) found = variable;
  }
  return found;
}

export const ALL = 'all';
