/**
 * An adversary with the published results and nothing else (plus, to be
 * generous, the exact number of persons with a missing subgroup level when
 * that number is below minCellSize: the threat model of disclosure control).
 * It fills in hidden counts by every subtraction the results allow, until
 * nothing new comes out, and reports each small count it learnt.
 *
 * Written without src/disclosure: it states what must hold, not how.
 */
import type { Results, ShareRow } from '../../src/results.js';

export interface Leak {
  what: string;
  value: number;
}

type Table = { name: string; shares: ShareRow[]; statuses: boolean };

const personsKey = (s: string, a: string, t: number | null) => `${s}|${a}|${t}`;
const cellKey = (table: string, o: string, s: string, a: string, t: number | null) => `${table}|${o}|${personsKey(s, a, t)}`;

export function attack(published: Results, truth: Results): Leak[] {
  const min = published.config.minCellSize;
  const tables = (r: Results): Table[] => {
    const list: Table[] = [{ name: 'main', shares: r.shares, statuses: false }];
    const comp = r.composition as { shares?: ShareRow[] } | undefined;
    if (comp?.shares) list.push({ name: 'composition', shares: comp.shares, statuses: true });
    return list;
  };
  const pubTables = tables(published);
  const truthTables = tables(truth);

  const n = new Map<string, number>();
  const events = new Map<string, number>();
  const share = new Map<string, number>();
  const armN = new Map<string, number>();
  let learnt = true;
  const learn = <K>(map: Map<K, number>, key: K, value: number): void => {
    if (!map.has(key)) {
      map.set(key, value);
      learnt = true;
    }
  };

  for (const t of pubTables) {
    for (const r of t.shares) {
      if (r.n !== null) learn(n, personsKey(r.subgroup, r.arm, r.month), r.n);
      if (r.events !== null) learn(events, cellKey(t.name, r.outcome, r.subgroup, r.arm, r.month), r.events);
      if (r.share !== null) learn(share, cellKey(t.name, r.outcome, r.subgroup, r.arm, r.month), r.share);
    }
  }
  for (const arm of published.arms) if (published.n[arm] !== null && published.n[arm] !== undefined) learn(armN, arm, published.n[arm]);

  const months = [...new Set(published.shares.map((r) => r.month))];
  const variables = published.config.subgroups;
  const levelsOf = (v: string) => [...new Set(truth.shares.map((r) => r.subgroup).filter((s) => s.startsWith(`${v}=`)))];
  const randomized = published.inputs.participants.rows;

  /** x = total − Σ others, when exactly one is unknown. */
  const solve = <K>(map: Map<K, number>, total: K | number, parts: K[], slack: number): void => {
    const totalValue = typeof total === 'number' && !map.has(total as K) ? total : map.get(total as K);
    const unknown = parts.filter((p) => !map.has(p));
    if (totalValue !== undefined && unknown.length === 1) learn(map, unknown[0], totalValue - slack - parts.filter((p) => map.has(p)).reduce((s, p) => s + map.get(p)!, 0));
    if (totalValue === undefined && unknown.length === 0 && typeof total !== 'number') {
      learn(map, total, parts.reduce((s, p) => s + map.get(p)!, 0) + slack);
    }
  };

  while (learnt) {
    learnt = false;
    // Arms: persons randomized = Σ arms; at a month, Σ n(all, arm) = randomized − censored.
    solve(armN, randomized, published.arms, 0);
    for (const month of months) {
      const censored = published.censoring.find((c) => c.month === month)?.censored ?? 0;
      solve(n, randomized - censored, published.arms.map((a) => personsKey('all', a, month)), 0);
      if (censored === 0) {
        for (const arm of published.arms) {
          if (armN.has(arm)) learn(n, personsKey('all', arm, month), armN.get(arm)!);
          if (n.has(personsKey('all', arm, month))) learn(armN, arm, n.get(personsKey('all', arm, month))!);
        }
      }
    }
    for (const [ti, t] of pubTables.entries()) {
      const truthRow = (o: string, s: string, a: string, m: number) => truthTables[ti].shares.find((r) => r.outcome === o && r.subgroup === s && r.arm === a && r.month === m);
      const outcomes = [...new Set(t.shares.map((r) => r.outcome))];
      for (const arm of published.arms) {
        for (const month of months) {
          // Subgroup levels add up to `all`, up to the persons with the level missing.
          for (const v of variables) {
            const levels = levelsOf(v).filter((s) => truthRow(outcomes[0], s, arm, month));
            if (levels.length === 0 || !truthRow(outcomes[0], 'all', arm, month)) continue;
            const slackN = truthRow(outcomes[0], 'all', arm, month)!.n! - levels.reduce((s, l) => s + truthRow(outcomes[0], l, arm, month)!.n!, 0);
            if (slackN >= min) continue;
            solve(n, personsKey('all', arm, month), levels.map((l) => personsKey(l, arm, month)), slackN);
            for (const o of outcomes) {
              const slackE = truthRow(o, 'all', arm, month)!.events! - levels.reduce((s, l) => s + truthRow(o, l, arm, month)!.events!, 0);
              solve(events, cellKey(t.name, o, 'all', arm, month), levels.map((l) => cellKey(t.name, o, l, arm, month)), slackE);
            }
          }
          // Statuses add up to n.
          if (t.statuses) {
            for (const s of new Set(t.shares.map((r) => r.subgroup))) {
              const total = n.get(personsKey(s, arm, month));
              if (total !== undefined) solve(events, total, outcomes.map((o) => cellKey(t.name, o, s, arm, month)), 0);
            }
          }
        }
      }
      // Shares and effects: share = events / n, share(arm) = effect + share(reference).
      for (const r of t.shares) {
        const key = cellKey(t.name, r.outcome, r.subgroup, r.arm, r.month);
        const persons = n.get(personsKey(r.subgroup, r.arm, r.month));
        if (events.has(key) && persons) learn(share, key, events.get(key)! / persons);
        if (share.has(key) && persons !== undefined) {
          const x = share.get(key)! * persons;
          if (Math.abs(x - Math.round(x)) < 1e-6) learn(events, key, Math.round(x));
        }
      }
      const effects = t.name === 'main' ? published.effects : ((published.composition as { effects?: Results['effects'] } | undefined)?.effects ?? []);
      for (const e of effects) {
        if (e.estimate === null) continue;
        const armKey = cellKey(t.name, e.outcome, e.subgroup, e.arm, e.month);
        const refKey = cellKey(t.name, e.outcome, e.subgroup, e.reference, e.month);
        if (share.has(refKey)) learn(share, armKey, e.estimate + share.get(refKey)!);
        if (share.has(armKey)) learn(share, refKey, share.get(armKey)! - e.estimate);
      }
    }
  }

  const leaks: Leak[] = [];
  for (const [arm, value] of armN) if (value < min) leaks.push({ what: `persons in arm ${arm}`, value });
  for (const [key, value] of n) if (value < min) leaks.push({ what: `n of ${key}`, value });
  for (const [key, value] of events) {
    const persons = n.get(key.split('|').slice(2).join('|'));
    if (value > 0 && value < min) leaks.push({ what: `events of ${key}`, value });
    if (persons !== undefined && persons - value > 0 && persons - value < min) leaks.push({ what: `non-events of ${key}`, value: persons - value });
  }
  return leaks;
}
