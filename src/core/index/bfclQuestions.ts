import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bfclFileName, type BfclRunFile, type ProblemSink, readBfclQuestions } from '../formats/index.js';
import { lastUserText } from './entries.js';

/** Where BFCL keeps its question files relative to a folder above a run: its repository, or a data folder beside the runs. */
const NEAR_RUN = ['bfcl', join('bfcl_eval', 'data'), join('data', 'bfcl'), 'data'];
/** How many folders above a run to look in. */
const LEVELS_UP = 3;

/**
 * The question text of every sample of a BFCL category, for text search over passing samples too
 * (score files hold prompts for failures only). BFCL's run folders do not name their question
 * files, so they are looked for in the folders the user named, then near the run; a category
 * whose file is not found has no text, and the entries say so.
 */
export class BfclQuestionText {
  private readonly cache = new Map<string, Promise<Map<string, string> | undefined>>();

  constructor(private readonly dataFolders: readonly string[] = []) {}

  /** The folders searched for a run, in order: the user's, then BFCL's layouts near the run. */
  private foldersFor(runDir: string): string[] {
    const near: string[] = [];
    for (let dir = runDir, level = 0; level <= LEVELS_UP; level++, dir = dirname(dir)) for (const sub of NEAR_RUN) near.push(join(dir, sub));
    return [...this.dataFolders, ...near];
  }

  /** The question file of a category, or undefined when none of the folders has it. */
  questionFile(runDir: string, file: Pick<BfclRunFile, 'version' | 'category'>): string | undefined {
    const name = bfclFileName(file.version, file.category, 'question');
    return this.foldersFor(runDir).map((dir) => join(dir, name)).find((path) => existsSync(path));
  }

  /** id → the last user message of each question of the category (read once per file). */
  texts(runDir: string, file: Pick<BfclRunFile, 'version' | 'category'>, onProblem: ProblemSink): Promise<Map<string, string> | undefined> {
    const path = this.questionFile(runDir, file);
    if (!path) return Promise.resolve(undefined);
    let texts = this.cache.get(path);
    if (!texts) {
      texts = readBfclQuestions(path, onProblem).then((questions) => new Map([...questions].map(([id, l]) => [id, lastUserText(l.value.question)])));
      this.cache.set(path, texts);
    }
    return texts;
  }
}
