import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { bfclRowId, bfclToEvalRow, isToolRlSftFile, parseBfclFileName, type ProblemSink, readBfclPossibleAnswers, readEvalRows, readToolRlSft, readValidatedLines } from '../formats/index.js';
import { bfclQuestion, type EvalRow } from '../schema/index.js';

export interface SkippedCase {
  id: string;
  reason: string;
}

export type SkipSink = (skipped: SkippedCase) => void;

/**
 * The clean rows of one input: a BFCL question file (answers from `possible_answer/` beside
 * it), ToolRL's SFT JSON or a RobustBench-TC eval-row file. Rows that cannot be clean cases are reported, not
 * yielded: a BFCL question without an answer, a row that already carries a perturbation.
 */
export async function* readCleanRows(file: string, onProblem: ProblemSink, onSkip: SkipSink): AsyncGenerator<EvalRow> {
  const name = parseBfclFileName(file);
  if (name?.kind === 'question') {
    const answerFile = join(dirname(file), 'possible_answer', basename(file));
    if (!(await access(answerFile).then(() => true, () => false))) {
      onProblem({ file, line: 0, severity: 'warning', message: `no answer file ${answerFile}; its questions are skipped (a case needs golden answers)` });
      return;
    }
    const answers = await readBfclPossibleAnswers(answerFile, onProblem);
    const seen = new Set<string>();
    for await (const { line, value } of readValidatedLines(file, bfclQuestion, onProblem, 'BFCL question')) {
      if (seen.has(value.id)) {
        onProblem({ file, line, severity: 'warning', message: `duplicate id "${value.id}"; ignored` });
        continue;
      }
      seen.add(value.id);
      const answer = answers.get(value.id);
      if (answer) yield bfclToEvalRow(value, answer.value, name.category, name.version, basename(file));
      else onSkip({ id: bfclRowId(name.version, name.category, value.id), reason: `no possible answer for ${value.id} in ${basename(answerFile)}` });
    }
    return;
  }
  if (await isToolRlSftFile(file)) {
    yield* readToolRlSft(file, onProblem);
    return;
  }
  for await (const { value } of readEvalRows(file, onProblem)) {
    if (value.perturbation) onSkip({ id: value.id, reason: `already perturbed (${value.perturbation.type}); not a clean row` });
    else yield value;
  }
}
