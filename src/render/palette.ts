/**
 * Arm colours: the Okabe & Ito (2008) palette, which stays distinguishable
 * under the common forms of colour blindness and in greyscale print. Colours
 * are assigned by position in the configured arm order, so the same arm gets
 * the same colour in every chart of a report.
 */
export const ARM_PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#000000', // black
  '#F0E442', // yellow: last, it is faint on white
];

/** One colour per arm, in arm order (the palette repeats past eight arms). */
export function armColors(arms: readonly string[]): string[] {
  return arms.map((_, index) => ARM_PALETTE[index % ARM_PALETTE.length]);
}
