/**
 * The 25 municipalities (kommuner) of the synthetic trial: real four-digit
 * SCB kommun codes with their names, and a recruitment weight.
 *
 * Weights are the approximate 2015 population raised to the power 0.8: the
 * larger cities recruit more participants, but less than in proportion,
 * since every participating municipality staffed a team of its own.
 */

export interface Municipality {
  /** SCB kommunkod, four digits with the county's leading zero. */
  code: string;
  name: string;
  /** Approximate population 2015, thousands. */
  populationThousands: number;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  { code: '0180', name: 'Stockholm', populationThousands: 923 },
  { code: '1480', name: 'Göteborg', populationThousands: 549 },
  { code: '1280', name: 'Malmö', populationThousands: 322 },
  { code: '0380', name: 'Uppsala', populationThousands: 210 },
  { code: '0580', name: 'Linköping', populationThousands: 152 },
  { code: '1980', name: 'Västerås', populationThousands: 145 },
  { code: '1880', name: 'Örebro', populationThousands: 144 },
  { code: '0581', name: 'Norrköping', populationThousands: 137 },
  { code: '1283', name: 'Helsingborg', populationThousands: 135 },
  { code: '0680', name: 'Jönköping', populationThousands: 133 },
  { code: '2480', name: 'Umeå', populationThousands: 120 },
  { code: '1281', name: 'Lund', populationThousands: 116 },
  { code: '1490', name: 'Borås', populationThousands: 107 },
  { code: '0484', name: 'Eskilstuna', populationThousands: 101 },
  { code: '2180', name: 'Gävle', populationThousands: 98 },
  { code: '2281', name: 'Sundsvall', populationThousands: 97 },
  { code: '1380', name: 'Halmstad', populationThousands: 96 },
  { code: '0181', name: 'Södertälje', populationThousands: 93 },
  { code: '1780', name: 'Karlstad', populationThousands: 89 },
  { code: '0780', name: 'Växjö', populationThousands: 88 },
  { code: '1290', name: 'Kristianstad', populationThousands: 82 },
  { code: '2580', name: 'Luleå', populationThousands: 76 },
  { code: '0880', name: 'Kalmar', populationThousands: 65 },
  { code: '2380', name: 'Östersund', populationThousands: 61 },
  { code: '0480', name: 'Nyköping', populationThousands: 54 },
];

/** Recruitment weight of each municipality, in the order of MUNICIPALITIES. */
export const MUNICIPALITY_WEIGHTS: readonly number[] = MUNICIPALITIES.map((m) => m.populationThousands ** 0.8);
