/**
 * Row copies with their values nulled (results-schema: a suppressed value is
 * null with `suppressed: true`). Every number (and any nested object)
 * except the month is nulled, not a fixed list of fields, so a field a later
 * version adds to the rows (e.g. `p_holm`, `band_low`) cannot slip through
 * unsuppressed. Text fields (outcome, subgroup, arm, …) name the cell.
 */

/** Fields that place a row and say nothing about the persons in it. */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['month']);

/**
 * Place fields of an interaction row: `levels` is a list of level names (the
 * two subgroups compared), which names the row like `subgroup` does.
 */
export const INTERACTION_PLACE_FIELDS: ReadonlySet<string> = new Set(['month', 'levels']);

export function suppressedRow<T extends { suppressed: boolean }>(row: T, placeFields: ReadonlySet<string> = PLACE_FIELDS): T {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) {
    const isValue = typeof value === 'number' || (typeof value === 'object' && value !== null);
    copy[field] = isValue && !placeFields.has(field) ? null : value;
  }
  copy.suppressed = true;
  return copy as T;
}

/**
 * A row shown with its values (disclosure control off): the marker says
 * nothing is hidden. A row whose producer already dropped its values stays
 * marked, since null without the marker would read as "no value".
 */
export function publishedRow<T extends { suppressed: boolean }>(row: T): T {
  if (row.suppressed && !holdsValues(row)) return { ...row };
  return { ...row, suppressed: false };
}

function holdsValues(row: object): boolean {
  return Object.entries(row).some(([field, value]) => typeof value === 'number' && !PLACE_FIELDS.has(field));
}
