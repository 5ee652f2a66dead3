/**
 * Exclusive statuses (data-contract §4) as 0/1 pseudo-outcomes: a Panel whose
 * outcomes are STATUS_NAMES, for what takes outcomes (the composition's BCa
 * acceleration, shareInfluenceSums). Censored person-months stay MISSING in
 * every status.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { STATUS_NAMES } from '../panel/spellTypes.js';

export function statusPanel(panel: Panel): Panel {
  const S = STATUS_NAMES.length;
  const T = panel.months.length;
  const values = new Uint8Array(panel.persons * S * T);
  for (let p = 0; p < panel.persons; p++) {
    for (let t = 0; t < T; t++) {
      const status = panel.status[p * T + t];
      for (let s = 0; s < S; s++) values[(p * S + s) * T + t] = status === MISSING ? MISSING : status === s ? 1 : 0;
    }
  }
  return { persons: panel.persons, outcomes: [...STATUS_NAMES], months: panel.months, values, status: panel.status, censored: panel.censored };
}
