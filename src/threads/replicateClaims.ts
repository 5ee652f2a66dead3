/**
 * Bootstrap replicates shared out between threads: each thread takes the
 * next unclaimed replicates from a counter in shared memory, so a thread
 * that is done with its own work can take over part of another's.
 * Replicate b's values depend on (seed, b) alone, so the output is the same
 * however the replicates fall to the threads (and with no other thread at
 * all).
 *
 * Where the helpers write into output in shared memory, the owner of the
 * work (the thread that goes on to use the output) waits for the
 * replicates they took (awaitAllWritten) before it reads the output; the
 * refits instead send theirs back with the worker's reply.
 */
export interface ReplicateClaims {
  /** The next replicate to compute, or −1 when every one is taken. */
  next(): number;
  /** Replicate b's values are written. */
  done(b: number): void;
}

/** Counters for `replicates` replicates: [0] the next one to hand out, [1] how many are written. */
export function replicateCounters(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/**
 * Replicates handed out `chunk` at a time. Into cell-major output in shared
 * memory the default 32 lets a thread write runs of consecutive replicates
 * of each cell, where one at a time the two threads would keep writing into
 * the same cache lines (false sharing); work whose output is private (the
 * refits) takes 1, so that the threads end together.
 */
export function sharedClaims(counters: Int32Array, replicates: number, chunk = 32): ReplicateClaims {
  let cursor = 0;
  let chunkStart = 0;
  let chunkEnd = 0;
  return {
    next: () => {
      if (cursor < chunkEnd) return cursor++;
      // A helper that comes late must not push the counter towards 2³¹.
      if (Atomics.load(counters, 0) >= replicates) return -1;
      chunkStart = Atomics.add(counters, 0, chunk);
      if (chunkStart >= replicates) return -1;
      chunkEnd = Math.min(chunkStart + chunk, replicates);
      cursor = chunkStart;
      return cursor++;
    },
    // Replicates of a chunk are computed in order by the thread that took it: its last one done means all are.
    done: (b) => {
      if (b !== chunkEnd - 1) return;
      Atomics.add(counters, 1, chunkEnd - chunkStart);
      Atomics.notify(counters, 1);
    },
  };
}

/** Whether any replicate is still to be handed out (a helper checks before it prepares). */
export function claimsLeft(counters: Int32Array, replicates: number): boolean {
  return Atomics.load(counters, 0) < replicates;
}

/** Blocks until every replicate is written (the owner, once its own claims run out). */
export function awaitAllWritten(counters: Int32Array, replicates: number): void {
  for (;;) {
    const written = Atomics.load(counters, 1);
    if (written >= replicates) return;
    Atomics.wait(counters, 1, written);
  }
}

/** Every replicate to this thread, in order (no sharing). */
export function allReplicates(replicates: number): ReplicateClaims {
  let b = 0;
  return { next: () => (b < replicates ? b++ : -1), done: () => {} };
}

/** The replicates listed, in order, to this thread (those another thread was to compute, should it have failed). */
export function listedReplicates(list: Int32Array): ReplicateClaims {
  let position = 0;
  return { next: () => (position < list.length ? list[position++] : -1), done: () => {} };
}
