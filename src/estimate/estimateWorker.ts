/**
 * Worker-thread entry for the parts of an estimate another thread can do
 * (see planEstimate): the randomization jobs, then refit replicates claimed
 * from the counter it shares with the main thread. One message per worker, see src/threads/oneShotWorker.ts.
 */
import { serveOneJob } from '../threads/oneShotWorker.js';
import { runClaimedRefits } from './effectInference.js';
import type { EstimateOffload, EstimateOffloadResult } from './estimate.js';
import { runRandomizationJob } from './randomizationJob.js';

serveOneJob(
  (work: EstimateOffload): EstimateOffloadResult => {
    const pValues = work.jobs.map(runRandomizationJob);
    return { pValues, claimed: work.sharedRefits ? runClaimedRefits(work.sharedRefits) : null };
  },
  'estimateWorker.js',
);
