// BFCL's own verdicts, read straight from a run's result and score files with nothing but
// JSON.parse: the independent answer that tests hold RobustLens's index and reports against.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per category of one run: every id BFCL ran, and the ids its score file lists as failed. */
export type RunVerdicts = Map<string, { ids: string[]; failed: Set<string> }>;

const jsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id?: string });

/** Every category of `<run>/result/<model>/<group>/` that has a score file, with its verdicts. */
export function bfclRunVerdicts(runDir: string): RunVerdicts {
  const verdicts: RunVerdicts = new Map();
  for (const model of readdirSync(join(runDir, 'result'))) {
    for (const group of readdirSync(join(runDir, 'result', model))) {
      for (const file of readdirSync(join(runDir, 'result', model, group))) {
        const scoreFile = join(runDir, 'score', model, group, file.replace(/_result\.json$/, '_score.json'));
        if (!existsSync(scoreFile)) continue;
        const category = file.replace(/^BFCL_v\d+_/, '').replace(/_result\.json$/, '');
        const ids = jsonLines(join(runDir, 'result', model, group, file)).map((r) => r.id!);
        // The score file's first line is the summary; every other line is one failure.
        const failures = jsonLines(scoreFile).slice(1);
        verdicts.set(category, { ids, failed: new Set(failures.map((f) => f.id!)) });
      }
    }
  }
  return verdicts;
}

/** Per category: the ids both runs ran whose verdict differs, each way. */
export function bfclFlips(a: RunVerdicts, b: RunVerdicts): Map<string, { passToFail: string[]; failToPass: string[] }> {
  const flips = new Map<string, { passToFail: string[]; failToPass: string[] }>();
  for (const [category, before] of a) {
    const after = b.get(category);
    if (!after) continue;
    const shared = before.ids.filter((id) => after.ids.includes(id));
    flips.set(category, {
      passToFail: shared.filter((id) => !before.failed.has(id) && after.failed.has(id)),
      failToPass: shared.filter((id) => before.failed.has(id) && !after.failed.has(id)),
    });
  }
  return flips;
}
