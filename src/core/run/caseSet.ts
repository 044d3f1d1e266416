import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProblemSink, readEvalRows } from '../formats/index.js';
import { type FaultType, isFaultType, PERTURBATION_IDS, transitionRow } from '../perturb/index.js';
import { type EvalRow, splitOf } from '../schema/index.js';

export interface CaseSetOptions {
  /** Fault types whose transition cases are made from the clean rows; rows of other fault types are left out. */
  transitions: readonly FaultType[];
}

/**
 * The cases of a run: a `robustlens perturb` folder (`clean.jsonl` and one `<type>.jsonl` per
 * type; other files there, such as the rewrite cache, are not cases) or one eval-row file.
 * Transition cases are not files: each selected fault type adds one case per clean row, run in
 * two passes. Rows that do not validate are reported with their line and left out.
 */
export async function readCaseSet(input: string, options: CaseSetOptions, onProblem: ProblemSink): Promise<EvalRow[]> {
  const files = (await stat(input)).isDirectory() ? await caseFiles(input, onProblem) : [input];
  const rows: EvalRow[] = [];
  for (const file of files) {
    for await (const { value } of readEvalRows(file, onProblem)) {
      const split = splitOf(value);
      if (!isFaultType(split) || options.transitions.includes(split)) rows.push(value);
    }
  }
  const clean = rows.filter((row) => row.perturbation == null);
  return [...rows, ...options.transitions.flatMap((type) => clean.map((row) => transitionRow(row, type)))];
}

async function caseFiles(dir: string, onProblem: ProblemSink): Promise<string[]> {
  const names = ['clean', ...PERTURBATION_IDS].map((split) => join(dir, `${split}.jsonl`));
  const present: string[] = [];
  for (const file of names) if (await access(file).then(() => true, () => false)) present.push(file);
  if (!present.includes(join(dir, 'clean.jsonl'))) {
    onProblem({ file: dir, line: 0, severity: 'warning', message: 'no clean.jsonl: there is no clean split to compare with, and no transition case can be made' });
  }
  return present;
}
