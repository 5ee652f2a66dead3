/**
 * Charts rendered on chart threads (the built module: threads run compiled
 * code) must be byte for byte those rendered in line.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderInLine, type ChartJob } from '../../src/render/chartRendering.js';
import { effectOverTimeSpec } from '../../src/render/effectOverTimeSpec.js';
import { figure1Spec } from '../../src/render/figure1Spec.js';
import { monthlySpec } from '../../src/render/monthlySpec.js';
import { ROOT } from '../sharedPaths.js';
import { sampleResults, withInference } from './sampleResults.js';

type ChartThreadsModule = typeof import('../../src/render/chartThreads.js');
const built = async (): Promise<ChartThreadsModule> => (await import(pathToFileURL(join(ROOT, 'dist', 'render', 'chartThreads.js')).href)) as ChartThreadsModule;

function jobs(): ChartJob[] {
  const results = withInference(sampleResults());
  return [
    { key: 'figure1', spec: figure1Spec(results) },
    { key: 'monthly', spec: monthlySpec(results) },
    { key: 'effect_over_time', spec: effectOverTimeSpec(results)! },
    { key: 'again', spec: figure1Spec(results) },
  ];
}

describe('chart threads', () => {
  it('render the same bytes as the calling thread, in job order, with fewer threads than charts', async () => {
    const { startChartThreads } = await built();
    const inLine = await renderInLine(jobs());
    for (const count of [1, 2, 3]) {
      const failures: Error[] = [];
      const threads = startChartThreads(count, (error) => failures.push(error));
      expect(await threads.render(jobs()), `${count} threads`).toEqual(inLine);
      expect(failures).toEqual([]);
    }
  }, 60_000);

  it('are helped by the calling thread once it is free, only where enough charts are left, with the same bytes', async () => {
    const { startChartThreads } = await built();
    // Eight charts: the thread cannot have taken them all by the time the
    // calling thread, free after this synchronous code, looks at the counter
    // (it may take them all itself, its Vega being warm from renderInLine).
    const many = [...jobs(), ...jobs().map((job) => ({ ...job, key: `${job.key}_2` }))];
    const inLine = await renderInLine(many);
    const helped = startChartThreads(1, undefined, { callerHelpsFrom: 1 });
    expect(await helped.render(many)).toEqual(inLine);
    expect(helped.renderedHere).toBeGreaterThan(0);
    const alone = startChartThreads(1, undefined, { callerHelpsFrom: Infinity });
    expect(await alone.render(many)).toEqual(inLine);
    expect(alone.renderedHere).toBe(0);
  }, 60_000);

  it('take the charts rendered ahead whose key and spec are given again, and render again one whose spec changed', async () => {
    const { startChartThreads } = await built();
    const ahead = jobs();
    const threads = startChartThreads(1, undefined, { callerHelpsFrom: Infinity });
    threads.prerender(ahead);
    // Same key, another spec (Swedish labels): the SVG rendered ahead must not be taken.
    const final = ahead.map((job) => (job.key === 'monthly' ? { ...job, spec: monthlySpec(withInference(sampleResults({ lang: 'sv' }))) } : job));
    expect(await threads.render(final)).toEqual(await renderInLine(final));
    expect(threads.reusedAhead).toBe(ahead.length - 1);
  }, 60_000);

  it('can be closed while rendering ahead, leaving no failure unheard (vitest fails a run on an unhandled rejection)', async () => {
    const { startChartThreads } = await built();
    const failures: Error[] = [];
    const threads = startChartThreads(1, (error) => failures.push(error));
    threads.prerender(jobs());
    await new Promise((resolve) => setTimeout(resolve, 50));
    threads.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failures).toEqual([]);
    // And render afterwards still gives the charts, in line.
    expect(await threads.render(jobs().slice(0, 1))).toEqual(await renderInLine(jobs().slice(0, 1)));
  }, 60_000);

  it('fall back to the calling thread when a chart fails, which then shows the error', async () => {
    const { startChartThreads } = await built();
    const failures: Error[] = [];
    const threads = startChartThreads(2, (error) => failures.push(error));
    const broken = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'bogus' } } } as unknown as TopLevelSpec;
    await expect(threads.render([...jobs(), { key: 'broken', spec: broken }])).rejects.toThrow('Invalid field type');
    expect(failures.map((error) => error.message)).toEqual([expect.stringContaining('Invalid field type')]);
  }, 60_000);

  it('say when their threads run (at once without threads), and still render after that', async () => {
    const { startChartThreads } = await built();
    const none = startChartThreads(0);
    await none.online;
    const threads = startChartThreads(1, undefined, { callerHelpsFrom: Infinity });
    await threads.online;
    expect(await threads.render(jobs().slice(0, 2))).toEqual(await renderInLine(jobs().slice(0, 2)));
    expect(threads.renderedHere).toBe(0);
  }, 60_000);

  it('can be closed without rendering, and then render in line', async () => {
    const { startChartThreads } = await built();
    const threads = startChartThreads(2);
    threads.close();
    expect(await threads.render(jobs().slice(0, 1))).toEqual(await renderInLine(jobs().slice(0, 1)));
  }, 60_000);
});
