import { type ProblemSink, readPredictionRecords } from '../formats/index.js';
import { type AccuracyRow, summariseGroups, type Verdict } from './accuracy.js';
import { splitOf } from '../schema/index.js';
import { scoreRecord, UnscorableError } from './records.js';

interface Scored {
  line: number;
  /** Absent when the record could not be scored. */
  item?: { model: string; category: string; verdict: Verdict };
}

/**
 * Scores every record of a RobustBench-TC prediction file (re-scoring even those that carry a
 * score, so a fixed scorer fixes old files) and summarises accuracy per model and split. A
 * case (run, model, split, id) counts once: a later record of it replaces the earlier one, as
 * quick-runs append a case again, and the repeat is reported so a doubled file is noticed.
 */
export async function scorePredictionFile(file: string, onProblem: ProblemSink): Promise<AccuracyRow[]> {
  const cases = new Map<string, Scored>();
  for await (const { line, value: record } of readPredictionRecords(file, onProblem)) {
    const model = record.model ?? 'unknown model';
    const category = splitOf(record);
    const key = JSON.stringify([record.run ?? '', model, category, record.id]);
    const earlier = cases.get(key);
    if (earlier) onProblem({ file, line, severity: 'warning', message: `duplicate of line ${earlier.line} (same run, model, split and id "${record.id}"); only this later record counts`, kind: 'duplicate-record' });
    try {
      cases.set(key, { line, item: { model, category, verdict: { id: record.id, ...scoreRecord(record, record.prediction) } } });
    } catch (err) {
      if (!(err instanceof UnscorableError)) throw err;
      onProblem({ file, line, severity: 'error', message: `${err.message}; not scored` });
      cases.set(key, { line });
    }
  }
  return summariseGroups([...cases.values()].flatMap((c) => (c.item ? [c.item] : [])));
}
