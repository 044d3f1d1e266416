import { join } from 'node:path';
import { bfclFileName, type BfclRunFile, findBfclRunFiles, type ProblemSink, readBfclScoreFile } from '../formats/index.js';
import { type BfclCategoryResult, type BfclScoreComparison, compareWithBfclScore, scoreBfclCategory } from './bfcl/run.js';

export interface BfclRunCategory {
  file: BfclRunFile;
  result: BfclCategoryResult;
  /** Ours against the score file BFCL wrote, when the run has one. */
  comparison?: BfclScoreComparison;
}

/**
 * Re-scores every category of a BFCL run folder against the question and possible-answer
 * files in `dataDir`, and compares each with BFCL's own score file where there is one.
 */
export async function scoreBfclRun(runDir: string, dataDir: string, onProblem: ProblemSink): Promise<BfclRunCategory[]> {
  const out: BfclRunCategory[] = [];
  for (const file of await findBfclRunFiles(runDir)) {
    const result = await scoreBfclCategory({
      category: file.category,
      resultFile: file.resultFile,
      questionFile: join(dataDir, bfclFileName(file.version, file.category, 'question')),
      answerFile: join(dataDir, 'possible_answer', bfclFileName(file.version, file.category, 'question')),
      onProblem,
    });
    let comparison: BfclScoreComparison | undefined;
    if (result.status === 'scored' && file.scoreFile) {
      comparison = compareWithBfclScore(result, await readBfclScoreFile(file.scoreFile, onProblem));
    }
    out.push({ file, result, ...(comparison ? { comparison } : {}) });
  }
  return out;
}
