import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { bfclPossibleAnswer, type BfclPossibleAnswer, bfclQuestion, type BfclQuestion, bfclResult, type BfclResult, bfclScoreEntry, type BfclScoreEntry, bfclScoreHeader, type BfclScoreHeader, describeIssues } from '../schema/index.js';
import { readJsonLines, readValidatedLines, type Line } from './jsonl.js';
import type { ProblemSink } from './problems.js';

export type BfclFileKind = 'question' | 'result' | 'score';

export interface BfclFileName {
  /** e.g. `v4` */
  version: string;
  /** e.g. `live_multiple`, `simple_python` */
  category: string;
  kind: BfclFileKind;
}

const FILE_NAME = /^BFCL_(v\d+)_(.+?)(?:_(result|score))?\.json$/;

/** Parses `BFCL_v4_<category>[_result|_score].json`; undefined for other names. */
export function parseBfclFileName(path: string): BfclFileName | undefined {
  const m = FILE_NAME.exec(basename(path));
  if (!m) return undefined;
  return { version: m[1]!, category: m[2]!, kind: (m[3] as BfclFileKind | undefined) ?? 'question' };
}

export function bfclFileName(version: string, category: string, kind: BfclFileKind): string {
  return `BFCL_${version}_${category}${kind === 'question' ? '' : `_${kind}`}.json`;
}

/** Reads a whole keyed JSONL file into a map by id; a repeated id is a problem, the first wins. */
async function readById<T extends { id: string }>(
  file: string,
  lines: AsyncIterable<Line<T>>,
  onProblem: ProblemSink,
): Promise<Map<string, Line<T>>> {
  const byId = new Map<string, Line<T>>();
  for await (const entry of lines) {
    const seen = byId.get(entry.value.id);
    if (seen) {
      onProblem({ file, line: entry.line, severity: 'warning', message: `duplicate id "${entry.value.id}" (first on line ${seen.line}); ignored`, kind: 'duplicate-id' });
      continue;
    }
    byId.set(entry.value.id, entry);
  }
  return byId;
}

export function readBfclQuestions(file: string, onProblem: ProblemSink): Promise<Map<string, Line<BfclQuestion>>> {
  return readById(file, readValidatedLines(file, bfclQuestion, onProblem, 'BFCL question'), onProblem);
}

export function readBfclPossibleAnswers(file: string, onProblem: ProblemSink): Promise<Map<string, Line<BfclPossibleAnswer>>> {
  return readById(file, readValidatedLines(file, bfclPossibleAnswer, onProblem, 'BFCL possible answer'), onProblem);
}

export function readBfclResults(file: string, onProblem: ProblemSink): Promise<Map<string, Line<BfclResult>>> {
  return readById(file, readValidatedLines(file, bfclResult, onProblem, 'BFCL result'), onProblem);
}

export interface BfclScoreFile {
  header?: BfclScoreHeader;
  /** Failed entries only: BFCL lists no passing ids in score files. */
  failures: Map<string, Line<BfclScoreEntry>>;
}

/** Reads a score file: line 1 is the accuracy summary, every further line one failure. */
export async function readBfclScoreFile(file: string, onProblem: ProblemSink): Promise<BfclScoreFile> {
  const out: BfclScoreFile = { failures: new Map() };
  let first = true;
  for await (const { line, value, at } of readJsonLines(file, onProblem)) {
    if (first) {
      first = false;
      const header = bfclScoreHeader.safeParse(value);
      if (header.success) {
        out.header = header.data;
        continue;
      }
      onProblem({ file, line, severity: 'warning', message: `first line is not a score summary (${describeIssues(header.error)})` });
    }
    const entry = bfclScoreEntry.safeParse(value);
    if (!entry.success) {
      onProblem({ file, line, severity: 'error', message: `not a valid BFCL score entry: ${describeIssues(entry.error)}`, kind: 'invalid-bfcl-score-entry' });
    } else if (out.failures.has(entry.data.id)) {
      onProblem({ file, line, severity: 'warning', message: `duplicate id "${entry.data.id}"; ignored`, kind: 'duplicate-id' });
    } else {
      out.failures.set(entry.data.id, { line, value: entry.data, at });
    }
  }
  return out;
}

export interface BfclRunFile {
  model: string;
  category: string;
  version: string;
  resultFile: string;
  /** The score file BFCL wrote for the same model and category, when present. */
  scoreFile?: string;
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/**
 * Finds the result files of a BFCL run folder (`<run>/result/<model>/…/BFCL_v4_<cat>_result.json`)
 * and pairs each with its score file under `<run>/score/<model>/`.
 */
export async function findBfclRunFiles(runDir: string): Promise<BfclRunFile[]> {
  const resultRoot = join(runDir, 'result');
  const scoreRoot = join(runDir, 'score');
  const scores = new Map<string, string>();
  for (const file of await listFiles(scoreRoot)) {
    const name = parseBfclFileName(file);
    const model = relative(scoreRoot, file).split(sep)[0];
    if (name?.kind === 'score' && model) scores.set(`${model}\u0000${name.category}`, file);
  }
  const out: BfclRunFile[] = [];
  for (const file of await listFiles(resultRoot)) {
    const name = parseBfclFileName(file);
    const model = relative(resultRoot, file).split(sep)[0];
    if (name?.kind !== 'result' || !model || model === basename(file)) continue;
    const scoreFile = scores.get(`${model}\u0000${name.category}`);
    out.push({ model, category: name.category, version: name.version, resultFile: file, ...(scoreFile ? { scoreFile } : {}) });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model) || a.category.localeCompare(b.category));
}

/** True for a folder that looks like a BFCL run (it has a `result/` folder with result files). */
export async function isBfclRunDir(dir: string): Promise<boolean> {
  return (await findBfclRunFiles(dir)).length > 0;
}
