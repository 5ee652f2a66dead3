/**
 * Status colours for the composition chart: the four work statuses (the
 * primary outcome's parts) in strong blues and a green, darkest for regular
 * work, so the work part of a bar reads at a glance; the other statuses in
 * pale tones. Separate from the arm palette: here colour means status, and
 * reusing the arm colours would suggest arms.
 */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  work_unsubsidized: '#08306b',
  work_subsidized: '#2171b5',
  work_sheltered: '#6baed6',
  education: '#41ab5d',
  program: '#fdd0a2',
  daily_activity: '#dadaeb',
  unemployed: '#fcbba1',
  other: '#d9d9d9',
  none: '#f4f4f4',
};

/** Statuses dark enough that their label text is white. */
export const DARK_STATUSES: ReadonlySet<string> = new Set(['work_unsubsidized', 'work_subsidized', 'education']);

export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? '#bdbdbd';
}
