/**
 * Worker-thread entry of analysisSections(): receives one SectionsInput,
 * replies with the sections (or the error) and waits to be terminated.
 */
import { serveOneJob } from '../threads/oneShotWorker.js';
import { analysisSections } from './analysisSections.js';

serveOneJob(analysisSections, 'sectionsWorker.js');
