import { type ProblemSink, readPredictionRecords } from '../formats/index.js';
import { type AccuracyRow, summariseGroups, type Verdict } from './accuracy.js';
import { splitOf } from '../schema/index.js';
import { scoreRecord, UnscorableError } from './records.js';

/**
 * Scores every record of a RobustBench-TC prediction file (re-scoring even those that carry a
 * score, so a fixed scorer fixes old files) and summarises accuracy per model and split.
 */
export async function scorePredictionFile(file: string, onProblem: ProblemSink): Promise<AccuracyRow[]> {
  const items: Array<{ model: string; category: string; verdict: Verdict }> = [];
  for await (const { line, value: record } of readPredictionRecords(file, onProblem)) {
    try {
      const score = scoreRecord(record, record.prediction);
      items.push({ model: record.model ?? 'unknown model', category: splitOf(record), verdict: { id: record.id, ...score } });
    } catch (err) {
      if (!(err instanceof UnscorableError)) throw err;
      onProblem({ file, line, severity: 'error', message: `${err.message}; not scored` });
    }
  }
  return summariseGroups(items);
}
