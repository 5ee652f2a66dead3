/**
 * Worker-thread entry for the parts of a run another thread can do beside
 * the main thread's bootstrap (see planEstimate): the randomization jobs,
 * then the balance test, then refit replicates claimed from the counter it
 * shares with the main thread (so the main thread takes more of them while
 * this one tests balance). One message per worker, see
 * src/threads/oneShotWorker.ts.
 */
import { assessBalance, type BalanceInput } from '../balance/assessBalance.js';
import type { BalanceSection } from '../results.js';
import { serveOneJob } from '../threads/oneShotWorker.js';
import { runClaimedRefits } from './effectInference.js';
import type { EstimateOffload, EstimateOffloadResult } from './estimate.js';
import { runRandomizationJob } from './randomizationJob.js';

/** The offloaded estimate, and the balance test's input (balanceInput) when the run has one. */
export interface EstimateWorkerInput extends EstimateOffload {
  balance: BalanceInput | undefined;
}

export interface EstimateWorkerOutput extends EstimateOffloadResult {
  balance: BalanceSection | undefined;
}

serveOneJob(
  (work: EstimateWorkerInput): EstimateWorkerOutput => {
    const pValues = work.jobs.map(runRandomizationJob);
    const balance = work.balance && assessBalance(work.balance);
    return { pValues, balance, claimed: work.sharedRefits ? runClaimedRefits(work.sharedRefits) : null };
  },
  'estimateWorker.js',
);
