/**
 * Worker-thread entry for the parts of a run another thread can do beside
 * the main thread's bootstrap (see planEstimate): the randomization jobs,
 * then the balance test, then the sections (composition of work and
 * cost-effectiveness, whose replicates the main thread takes too once its
 * own estimate is done: composition/analysisSections.ts), then refit
 * replicates claimed from the counter it shares with the main thread (so
 * the main thread takes more of them meanwhile). One worker for all of it:
 * on two cores a second worker thread cost its own start-up and competed
 * with the main thread for a core. One message per worker, see
 * src/threads/oneShotWorker.ts.
 */
import { assessBalance, type BalanceInput } from '../balance/assessBalance.js';
import { analysisSections, type SectionsInput, type SectionsOutput } from '../composition/analysisSections.js';
import type { BalanceSection } from '../results.js';
import { serveOneJob } from '../threads/oneShotWorker.js';
import { runClaimedRefits } from './effectInference.js';
import type { EstimateOffload, EstimateOffloadResult } from './estimate.js';
import { runRandomizationJob } from './randomizationJob.js';

/** The offloaded estimate, the balance test's input (balanceInput) when the run has one, and the sections' input. */
export interface EstimateWorkerInput extends EstimateOffload {
  balance: BalanceInput | undefined;
  sections: SectionsInput | undefined;
}

export interface EstimateWorkerOutput extends EstimateOffloadResult {
  balance: BalanceSection | undefined;
  sections: SectionsOutput | undefined;
}

serveOneJob(
  (work: EstimateWorkerInput): EstimateWorkerOutput => {
    const pValues = work.jobs.map(runRandomizationJob);
    const balance = work.balance && assessBalance(work.balance);
    const sections = work.sections && analysisSections(work.sections);
    return { pValues, balance, sections, claimed: work.sharedRefits ? runClaimedRefits(work.sharedRefits) : null };
  },
  'estimateWorker.js',
);
