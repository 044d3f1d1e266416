import { open, type FileHandle } from 'node:fs/promises';
import { type BfclPossibleAnswer, type BfclQuestion, evalRow, type EvalRow, predictionRecord, type PredictionRecord } from '../schema/index.js';
import { readValidatedLines, type Line } from './jsonl.js';
import type { ProblemSink } from './problems.js';

export function readEvalRows(file: string, onProblem: ProblemSink): AsyncGenerator<Line<EvalRow>> {
  return readValidatedLines(file, evalRow, onProblem, 'RobustBench-TC eval row');
}

export function readPredictionRecords(file: string, onProblem: ProblemSink): AsyncGenerator<Line<PredictionRecord>> {
  return readValidatedLines(file, predictionRecord, onProblem, 'prediction record');
}

/**
 * Serialises a row as one JSON line. Fields the official release stores as JSON strings are
 * written as objects (we accept both, we write one).
 */
export function toJsonLine(row: EvalRow | PredictionRecord): string {
  return `${JSON.stringify(row)}\n`;
}

export interface AppenderOptions {
  /** fsync every write before its appends resolve. */
  durable?: boolean;
  /**
   * Wait this long before writing, so lines appended meanwhile share the write and its fsync.
   * For callers that do not wait for each append (the runner goes on to its next case).
   */
  lingerMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Appends JSON lines to a file. With `durable`, every line is fsynced before `append`
 * resolves, so a crash loses nothing that was acknowledged. Lines appended while a write is
 * under way go out together in the next write and share its fsync (group commit): callers
 * that append concurrently pay one fsync per batch, not one each.
 */
export class JsonlAppender {
  private queued: { line: string; done: () => void; failed: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly handle: FileHandle,
    private readonly options: AppenderOptions,
  ) {}

  static async open(file: string, options: AppenderOptions & { truncate?: boolean } = {}): Promise<JsonlAppender> {
    const handle = await open(file, options.truncate ? 'w' : 'a');
    return new JsonlAppender(handle, options);
  }

  append(value: unknown): Promise<void> {
    return new Promise((done, failed) => {
      this.queued.push({ line: `${JSON.stringify(value)}\n`, done, failed });
      this.flushing ??= this.flush();
    });
  }

  /** Writes what is queued, batch after batch, each after the linger, until nothing is. */
  private async flush(): Promise<void> {
    while (this.queued.length > 0) {
      if (this.options.lingerMs) await sleep(this.options.lingerMs);
      const batch = this.queued;
      this.queued = [];
      try {
        await this.handle.write(batch.map((b) => b.line).join(''));
        if (this.options.durable) await this.handle.sync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.failed(err);
      }
    }
    this.flushing = undefined;
  }

  /** Waits for the lines already appended, then closes the file. */
  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }
}

/** The eval-row id for a BFCL entry, in the official release's pattern. */
export function bfclRowId(version: string, category: string, entryId: string): string {
  return `bfcl_${version}__BFCL_${version}_${category}__${entryId}`;
}

/**
 * Converts one BFCL entry (question + possible answer) into a clean RobustBench-TC row that
 * keeps BFCL's answer form and is scored by the BFCL checker.
 */
export function bfclToEvalRow(
  question: BfclQuestion,
  answer: BfclPossibleAnswer | undefined,
  category: string,
  version: string,
  file: string,
): EvalRow {
  const conversation = question.question.flat();
  const golden = (answer?.ground_truth ?? []).flatMap((call) =>
    Object.entries(call).map(([name, parameters]) => ({ name, parameters })),
  );
  return {
    id: bfclRowId(version, category, question.id),
    benchmark: `bfcl_${version}`,
    category: `BFCL_${version}_${category}`,
    source: { original_id: question.id, benchmark: `bfcl_${version}`, file, extra: {} },
    conversation,
    tools: question.function,
    golden_answers: golden,
    eval_config: { method: 'bfcl_ast', category },
    perturbation: null,
  };
}
