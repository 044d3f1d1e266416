import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeIssues, JsonTooDeepError, parseJson } from '../schema/index.js';
import { type Problem, type ProblemSink, scanLines } from '../formats/index.js';
import { tagEvent, type TagEvent, type TagTarget } from './events.js';

/** Lines git writes into a file with a merge conflict; the lines between them are events from both sides. */
const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})( .*)?$/;

/** A line that did not parse. A last line may be a torn write; one too deep is whole, however it ends. */
function unparsedLine(err: unknown, isLast: boolean): Pick<Problem, 'severity' | 'message'> {
  if (err instanceof JsonTooDeepError) return { severity: 'error', message: `nested deeper than ${err.limit} levels; skipped` };
  return isLast ? { severity: 'warning', message: 'a torn last line (an interrupted write); skipped' } : { severity: 'error', message: 'not valid JSON; skipped' };
}

export interface TagJournalRead {
  events: TagEvent[];
  /** True when the last line with an event in it has no newline (a write torn by a crash). */
  tornTail: boolean;
}

/**
 * The append-only tag journal (`.robustlens/tags.jsonl`). Every append is one `write` on a
 * file opened for appending, then fsync, so concurrent writers interleave whole lines and an
 * acknowledged event survives a crash. The file is reopened for every write, and the event is
 * looked for afterwards, so a `git pull` that replaces the file cannot swallow it.
 */
export class TagJournal {
  constructor(
    readonly file: string,
    private readonly who: string,
  ) {}

  async read(onProblem: ProblemSink): Promise<TagJournalRead> {
    const lines = await this.scan(onProblem);
    const tornTail = lines.at(-1)?.ended === false;
    const events: TagEvent[] = [];
    lines.forEach(({ line: lineNo, text, ended, badUtf8 }) => {
      const line = text.trim();
      if (CONFLICT_MARKER.test(line)) return;
      const isLast = !ended;
      // Replacement characters would stand in for the damaged bytes: the event is not what was written.
      if (badUtf8) return onProblem({ file: this.file, line: lineNo, ...(isLast ? unparsedLine(undefined, isLast) : { severity: 'error', message: 'not valid UTF-8; skipped' }) });
      let value: unknown;
      try {
        value = parseJson(line);
      } catch (err) {
        onProblem({ file: this.file, line: lineNo, ...unparsedLine(err, isLast) });
        return;
      }
      const parsed = tagEvent.safeParse(value);
      if (parsed.success) events.push(parsed.data);
      else onProblem({ file: this.file, line: lineNo, severity: 'error', message: `not a valid tag event: ${describeIssues(parsed.error)}` });
    });
    return { events, tornTail };
  }

  /**
   * The journal's non-blank lines, none when there is no journal yet. They are cut on bytes, so a
   * damaged byte cannot move a line break, and `scanLines` bounds the length of each.
   */
  private async scan(onProblem: ProblemSink) {
    const lines = [];
    try {
      for await (const line of scanLines(this.file, onProblem)) lines.push(line);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return lines;
  }

  add(target: TagTarget, tag: string): Promise<TagEvent> {
    return this.append({ target, op: 'add', tag });
  }

  remove(target: TagTarget, tag: string): Promise<TagEvent> {
    return this.append({ target, op: 'remove', tag });
  }

  setNote(target: TagTarget, note: string): Promise<TagEvent> {
    return this.append({ target, op: 'note', note });
  }

  /** Resolves once the event is on disk (fsynced) in the file at `this.file`. */
  async append(change: Pick<TagEvent, 'target' | 'op' | 'tag' | 'note'>): Promise<TagEvent> {
    const event = tagEvent.parse({ v: 1, event: randomUUID(), who: this.who, when: new Date().toISOString(), ...change });
    const line = JSON.stringify(event);
    await mkdir(dirname(this.file), { recursive: true });
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.writeLine(line);
      if ((await readFile(this.file, 'utf8')).includes(event.event)) return event;
    }
    throw new Error(`${this.file}: the tag could not be written (the file kept being replaced)`);
  }

  private async writeLine(line: string): Promise<void> {
    const handle = await open(this.file, 'a+');
    try {
      // A torn last line from a crash must not swallow the next event: start on a fresh line.
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(`${prefix}${line}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
