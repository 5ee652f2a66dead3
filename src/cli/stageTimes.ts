/**
 * Where the time of `eval run` goes, for `npm run bench`: written as JSON to
 * the file named by the environment variable EFFEKT_STAGE_TIMES, and only
 * when it is set. Timings never reach the report, which must stay
 * byte-identical run to run.
 */
import { writeFileSync } from 'node:fs';

export const STAGE_TIMES_VARIABLE = 'EFFEKT_STAGE_TIMES';

export interface StageTime {
  stage: string;
  /** Wall time; a stage reported in several parts adds them up. */
  milliseconds: number;
  /** Size of the input file, for read stages. */
  bytes?: number;
}

export class StageTimes {
  private readonly stages = new Map<string, StageTime>();

  private constructor(private readonly file: string | undefined) {}

  static fromEnvironment(): StageTimes {
    return new StageTimes(process.env[STAGE_TIMES_VARIABLE] || undefined);
  }

  /** Whether anything will be written (timing is skipped otherwise). */
  get enabled(): boolean {
    return this.file !== undefined;
  }

  /** A StageListener (pipeline/runAnalysis.ts), or undefined when not timing. */
  get listener(): ((stage: string, milliseconds: number, bytes?: number) => void) | undefined {
    return this.enabled ? (stage, milliseconds, bytes) => this.add(stage, milliseconds, bytes) : undefined;
  }

  add(stage: string, milliseconds: number, bytes?: number): void {
    const known = this.stages.get(stage);
    if (known === undefined) {
      this.stages.set(stage, bytes === undefined ? { stage, milliseconds } : { stage, milliseconds, bytes });
      return;
    }
    known.milliseconds += milliseconds;
    if (bytes !== undefined) known.bytes = (known.bytes ?? 0) + bytes;
  }

  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  /** Writes the stages in the order they first ended, and the time since the process started. */
  write(): void {
    if (this.file === undefined) return;
    const document = { stages: [...this.stages.values()], total_milliseconds: performance.now() };
    writeFileSync(this.file, `${JSON.stringify(document, null, 2)}\n`);
  }
}
