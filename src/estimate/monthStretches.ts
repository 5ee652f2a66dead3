/**
 * Months as stretches: a history's months in an outcome (or its observed
 * months) mostly come as a few runs of consecutive months, so a count is
 * added to a row of monthly sums at each run's first month and taken off
 * after its last, and one running sum along the months completes the row:
 * two additions per run instead of one per month. Rows are T months long,
 * back to back; the CSR lists say where each item's runs start and stop.
 */

export interface Stretches {
  startOffsets: Int32Array;
  start: Int32Array;
  stopOffsets: Int32Array;
  /** No stop for a run that lasts to the row's last month. */
  stop: Int32Array;
}

/** Builds Stretches item by item: add() the months of an item's rows, close() the item. */
export function stretchLists(): { add: (base: number, T: number, on: (t: number) => boolean) => void; close: () => void; done: () => Stretches } {
  const start: number[] = [];
  const stop: number[] = [];
  const startOffsets: number[] = [0];
  const stopOffsets: number[] = [0];
  return {
    add(base, T, on) {
      for (let t = 0; t < T; t++) {
        if (!on(t) || (t > 0 && on(t - 1))) continue;
        start.push(base + t);
        let end = t + 1;
        while (end < T && on(end)) end++;
        if (end < T) stop.push(base + end);
      }
    },
    close() {
      startOffsets.push(start.length);
      stopOffsets.push(stop.length);
    },
    done: () => ({ startOffsets: Int32Array.from(startOffsets), start: Int32Array.from(start), stopOffsets: Int32Array.from(stopOffsets), stop: Int32Array.from(stop) }),
  };
}

/** Adds `count` over the stretches of item i into `sums` as differences. */
export function addStretches(s: Stretches, i: number, count: number, sums: Int32Array | Float64Array): void {
  for (let j = s.startOffsets[i], end = s.startOffsets[i + 1]; j < end; j++) sums[s.start[j]] += count;
  for (let j = s.stopOffsets[i], end = s.stopOffsets[i + 1]; j < end; j++) sums[s.stop[j]] -= count;
}

/** Differences to sums, along each row of T months. */
export function runningSums(sums: Int32Array | Float64Array, T: number): void {
  for (let base = 0; base < sums.length; base += T) for (let t = 1; t < T; t++) sums[base + t] += sums[base + t - 1];
}
