/**
 * Which statistic buckets a person's runs are added to. A row set is a
 * subgroup level × month, and a person belongs to one level per subgroup
 * variable, so adding a person to every level costs (variables + 1) times
 * the work. Persons with the same combination of levels can share one
 * bucket instead ("all, gender=f, lss=yes"), which is then added to each of
 * its levels once per replicate. That pays when combinations are few
 * compared with persons; with many subgroup variables they approach the
 * number of persons, and adding each person to its levels directly is
 * cheaper. createRowSetKeys picks whichever costs less for the design.
 */
import type { SubgroupLayout } from '../layout.js';

export interface RowSetKeys {
  count: number;
  /** Each key is the subgroup level of the same index (no combinations). */
  direct: boolean;
  /** Keys of person p: personKey[personStart[p] … personStart[p + 1] − 1]. */
  personStart: Int32Array;
  personKey: Int32Array;
  /** Subgroup levels of key u: level[levelStart[u] … levelStart[u + 1] − 1]. */
  levelStart: Int32Array;
  level: Int32Array;
}

export interface KeyCosts {
  /** Work of adding person p's runs to one bucket, in statistic updates. */
  personWork: (p: number) => number;
  /** Statistics per row set. */
  statistics: number;
  months: number;
}

export function createRowSetKeys(groups: SubgroupLayout, persons: number, costs: KeyCosts): RowSetKeys {
  const { slots, memberships } = groups;
  const levelsOf = (p: number): number[] => {
    const levels: number[] = [];
    for (let k = 0; k < slots; k++) {
      const s = memberships[p * slots + k];
      if (s >= 0 && !levels.includes(s)) levels.push(s);
    }
    return levels.sort((a, b) => a - b);
  };

  const combinationIndex = new Map<string, number>();
  const combinations: number[][] = [];
  const personCombination = new Int32Array(persons);
  let directWork = 0;
  let combinedWork = 0;
  for (let p = 0; p < persons; p++) {
    const levels = levelsOf(p);
    if (levels.length === 0) {
      personCombination[p] = -1;
      continue;
    }
    const name = levels.join(',');
    let index = combinationIndex.get(name);
    if (index === undefined) {
      index = combinations.length;
      combinationIndex.set(name, index);
      combinations.push(levels);
    }
    personCombination[p] = index;
    const work = costs.personWork(p);
    directWork += work * levels.length;
    combinedWork += work;
  }
  // Per replicate the buckets are cleared and summed over months, and
  // combinations are then added to their levels (whose rows are cleared too).
  const bucketWork = costs.months * costs.statistics;
  directWork += 2 * groups.labels.length * bucketWork;
  combinedWork += groups.labels.length * bucketWork;
  for (const levels of combinations) combinedWork += (2 + levels.length) * bucketWork;

  if (combinedWork < directWork) {
    const personStart = new Int32Array(persons + 1);
    const personKey = new Int32Array(persons);
    let n = 0;
    for (let p = 0; p < persons; p++) {
      personStart[p] = n;
      if (personCombination[p] >= 0) personKey[n++] = personCombination[p];
    }
    personStart[persons] = n;
    return { count: combinations.length, direct: false, personStart, personKey: personKey.slice(0, n), ...levelLists(combinations) };
  }
  const personStart = new Int32Array(persons + 1);
  const keys: number[] = [];
  for (let p = 0; p < persons; p++) {
    personStart[p] = keys.length;
    keys.push(...levelsOf(p));
  }
  personStart[persons] = keys.length;
  return {
    count: groups.labels.length,
    direct: true,
    personStart,
    personKey: Int32Array.from(keys),
    ...levelLists(groups.labels.map((_, s) => [s])),
  };
}

function levelLists(keys: number[][]): Pick<RowSetKeys, 'levelStart' | 'level'> {
  const levelStart = new Int32Array(keys.length + 1);
  const level: number[] = [];
  keys.forEach((levels, u) => {
    levelStart[u] = level.length;
    level.push(...levels);
  });
  levelStart[keys.length] = level.length;
  return { levelStart, level: Int32Array.from(level) };
}
