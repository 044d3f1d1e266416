// The demo's paraphrases: written by hand in demo/paraphrases.json, because the demo runs with no
// model that could write them. Served through the same Rewriter port a model would answer, so
// the engine's validator (numbers, entities, length) checks them like any model's rewrite.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Rewriter } from '../src/core/perturb/rewriter.js';

export const DEMO_PARAPHRASES_REWRITER_ID = 'demo-paraphrases';

const table = z.record(z.string(), z.string().min(1));

/** The rewriter over `file`: each text it is asked to reword is looked up; a missing one is an error the engine reports as a skipped case. */
export async function demoParaphraseRewriter(file: string): Promise<Rewriter> {
  const parsed = table.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'not a map of text to paraphrase'}`);
  const paraphrases = new Map(Object.entries(parsed.data));
  return {
    id: DEMO_PARAPHRASES_REWRITER_ID,
    rewrite: async ({ text }) => {
      const paraphrase = paraphrases.get(text);
      if (paraphrase === undefined) throw new Error(`${file} has no paraphrase of "${text}"`);
      return paraphrase;
    },
  };
}
