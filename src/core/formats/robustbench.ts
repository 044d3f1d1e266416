import { open, type FileHandle } from 'node:fs/promises';
import { evalRow, predictionRecord, type EvalRow, type PredictionRecord } from '../schema/case.js';
import type { BfclPossibleAnswer, BfclQuestion } from '../schema/bfcl.js';
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

/**
 * Appends JSON lines to a file. With `durable`, every line is fsynced before `append`
 * resolves, so a crash loses nothing that was acknowledged.
 */
export class JsonlAppender {
  private constructor(
    private readonly handle: FileHandle,
    private readonly durable: boolean,
  ) {}

  static async open(file: string, options: { durable?: boolean; truncate?: boolean } = {}): Promise<JsonlAppender> {
    const handle = await open(file, options.truncate ? 'w' : 'a');
    return new JsonlAppender(handle, options.durable ?? false);
  }

  async append(value: unknown): Promise<void> {
    await this.handle.write(`${JSON.stringify(value)}\n`);
    if (this.durable) await this.handle.sync();
  }

  async close(): Promise<void> {
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
