import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bfclFileName, type BfclRunFile, type Line, type LineLocation, type ProblemSink, readBfclPossibleAnswers, readBfclQuestions, readRecordAt } from '../formats/index.js';
import { bfclPossibleAnswer, type BfclPossibleAnswer, bfclQuestion, type BfclQuestion } from '../schema/index.js';
import { lastUserText } from './entries.js';

/** Where BFCL keeps its question files relative to a folder above a run: its repository, or a data folder beside the runs. */
const NEAR_RUN = ['bfcl', join('bfcl_eval', 'data'), join('data', 'bfcl'), 'data'];
/** How many folders above a run to look in. */
const LEVELS_UP = 3;
/** BFCL keeps a category's possible answers in this folder beside its question file. */
const ANSWER_FOLDER = 'possible_answer';

type BfclFile = Pick<BfclRunFile, 'version' | 'category'>;

/** Per id: where its line is (to read the whole record back) and, for questions, its last user message. */
type LineIndex = Map<string, { at: LineLocation; text: string }>;

/** One sample as BFCL's data files hold it; either part is absent where its file or its id was not found. */
export interface BfclSample {
  question?: BfclQuestion;
  answer?: BfclPossibleAnswer;
}

function indexLines<T extends { id: string }>(lines: Map<string, Line<T>>, text: (value: T) => string): LineIndex {
  return new Map([...lines].map(([id, l]) => [id, { at: l.at, text: text(l.value) }]));
}

/**
 * BFCL's question files (and the possible answers beside them) for the samples of a run: the
 * question text of every sample, for text search over passing samples too (score files hold
 * prompts for failures only), and one sample's whole question, tool list and answer, for the
 * inspector and Quick-run. BFCL's run folders do not name their question files, so they are
 * looked for in the folders the user named, then near the run; a category whose file is not
 * found has no text, and the entries say so. Each file is read once; only where each line is
 * is kept, and a sample is read back from there.
 */
export class BfclQuestionText {
  private readonly cache = new Map<string, Promise<LineIndex>>();

  constructor(private readonly dataFolders: readonly string[] = []) {}

  /** The folders searched for a run, in order: the user's, then BFCL's layouts near the run. */
  private foldersFor(runDir: string): string[] {
    const near: string[] = [];
    for (let dir = runDir, level = 0; level <= LEVELS_UP; level++, dir = dirname(dir)) for (const sub of NEAR_RUN) near.push(join(dir, sub));
    return [...this.dataFolders, ...near];
  }

  /** The question file of a category, or undefined when none of the folders has it. */
  questionFile(runDir: string, file: BfclFile): string | undefined {
    const name = bfclFileName(file.version, file.category, 'question');
    return this.foldersFor(runDir).map((dir) => join(dir, name)).find((path) => existsSync(path));
  }

  private lines(path: string, read: (path: string) => Promise<LineIndex>): Promise<LineIndex> {
    let lines = this.cache.get(path);
    if (!lines) this.cache.set(path, (lines = read(path)));
    return lines;
  }

  private questionLines(path: string, onProblem: ProblemSink): Promise<LineIndex> {
    return this.lines(path, async (p) => indexLines(await readBfclQuestions(p, onProblem), (q) => lastUserText(q.question)));
  }

  /** id → the last user message of each question of the category (read once per file). */
  async texts(runDir: string, file: BfclFile, onProblem: ProblemSink): Promise<Map<string, string> | undefined> {
    const path = this.questionFile(runDir, file);
    if (!path) return undefined;
    return new Map([...(await this.questionLines(path, onProblem))].map(([id, l]) => [id, l.text]));
  }

  /**
   * One sample's question (with its tool list) and possible answer. Problems in the files were
   * reported when the run was indexed, so here they only leave a part out; a file changed since
   * it was read gives nothing rather than another sample's record.
   */
  async sample(runDir: string, file: BfclFile, id: string): Promise<BfclSample> {
    const path = this.questionFile(runDir, file);
    if (!path) return {};
    const ignore: ProblemSink = () => undefined;
    const answerPath = join(dirname(path), ANSWER_FOLDER, bfclFileName(file.version, file.category, 'question'));
    const [question, answer] = await Promise.all([
      readBack(await this.questionLines(path, ignore), id, (v) => bfclQuestion.safeParse(v)),
      existsSync(answerPath) ? readBack(await this.lines(answerPath, async (p) => indexLines(await readBfclPossibleAnswers(p, ignore), () => '')), id, (v) => bfclPossibleAnswer.safeParse(v)) : undefined,
    ]);
    return { ...(question ? { question } : {}), ...(answer ? { answer } : {}) };
  }
}

async function readBack<T extends { id: string }>(lines: LineIndex, id: string, parse: (value: unknown) => { success: true; data: T } | { success: false }): Promise<T | undefined> {
  const at = lines.get(id)?.at;
  if (!at) return undefined;
  const parsed = parse(await readRecordAt(at).catch(() => undefined));
  return parsed.success && parsed.data.id === id ? parsed.data : undefined;
}
