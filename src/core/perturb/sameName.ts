import type { EvalRow, JsonObject, ToolSpec } from '../schema/index.js';
import { isBfclAst } from './bfclScoring.js';
import { objectTypeOf, splitTools } from './goldenTools.js';
import { Rng } from './rng.js';
import { perturbed, skip, type PerturbResult } from './types.js';

export type SameNameVariant = 'A' | 'B' | 'C' | 'D' | 'E';
export const SAME_NAME_VARIANTS: readonly SameNameVariant[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * Where distractors go: `end` appends them after every tool (the authors' BFCL generator does,
 * and BFCL's checker, which binds a name to its first tool, still finds the real one), or right
 * before / after their golden tool (the authors' ACEBench generator puts them before).
 */
export type DistractorPosition = 'end' | 'before_golden' | 'after_golden';
export const DISTRACTOR_POSITIONS: readonly DistractorPosition[] = ['end', 'before_golden', 'after_golden'];

/** One distractor for one golden tool drawn with the seed, or one per distinct golden tool. */
export type DistractorCount = 'one' | 'per_golden';
export const DISTRACTOR_COUNTS: readonly DistractorCount[] = ['one', 'per_golden'];

export interface SameNameOptions {
  /** Unset: what the authors' BFCL generator does for the variant (`AUTHORS_COUNT`). */
  count?: DistractorCount;
  /** Unset: `end`. */
  position?: DistractorPosition;
}

/**
 * The authors' BFCL generator adds A and B for one random golden call's tool (so a tool called
 * twice is twice as likely), and C, D and E for every distinct golden tool.
 */
export const AUTHORS_COUNT: Record<SameNameVariant, DistractorCount> = { A: 'one', B: 'one', C: 'per_golden', D: 'per_golden', E: 'per_golden' };

/** What each variant takes from the golden tool and from a donor (another tool of the row). */
const RECIPE: Record<SameNameVariant, { description: 'empty' | 'golden' | 'donor'; parameters: 'none' | 'donor' }> = {
  A: { description: 'empty', parameters: 'none' },
  B: { description: 'golden', parameters: 'none' },
  C: { description: 'empty', parameters: 'donor' },
  D: { description: 'golden', parameters: 'donor' },
  E: { description: 'donor', parameters: 'donor' },
};

/**
 * The tool a distractor borrows from: a non-golden tool, else another golden tool. A donor
 * whose parameters equal the golden tool's would make a distractor no argument can tell apart,
 * so it is passed over.
 */
function pickDonor(gt: ToolSpec, golden: readonly ToolSpec[], others: readonly ToolSpec[], rng: Rng): ToolSpec | undefined {
  const own = JSON.stringify(gt.parameters);
  const usable = (t: ToolSpec) => t.name !== gt.name && JSON.stringify(t.parameters) !== own;
  const fromOthers = others.filter(usable);
  if (fromOthers.length > 0) return rng.pick(fromOthers);
  const fromGolden = golden.filter(usable);
  return fromGolden.length > 0 ? rng.pick(fromGolden) : undefined;
}

/** The golden tools that get a distractor: every distinct one, or one drawn over the golden calls. */
function targets(golden: readonly ToolSpec[], calls: readonly string[], count: DistractorCount, rng: Rng): ToolSpec[] {
  const distinct = [...new Map(golden.map((t) => [t.name, t])).values()];
  if (count === 'per_golden') return distinct;
  const name = rng.pick(calls);
  return distinct.filter((t) => t.name === name);
}

/** The tool list with each distractor placed at `position` relative to its golden tool. */
function place(tools: readonly ToolSpec[], distractors: Map<string, Distractor>, position: DistractorPosition): { tools: ToolSpec[]; placed: JsonObject[] } {
  const out: ToolSpec[] = [];
  const placed: JsonObject[] = [];
  const add = (d: Distractor) => {
    placed.push({ name: d.tool.name, index: out.length, ...(d.donor ? { borrowed_from: d.donor } : {}) });
    out.push(d.tool);
  };
  const pending = new Map(distractors);
  for (const tool of tools) {
    const d = position === 'end' ? undefined : pending.get(tool.name);
    if (d && position === 'before_golden') add(d);
    out.push(tool);
    if (d && position === 'after_golden') add(d);
    if (d) pending.delete(tool.name);
  }
  for (const d of pending.values()) add(d);
  return { tools: out, placed };
}

interface Distractor {
  tool: ToolSpec;
  donor?: string;
}

/**
 * `same_name_A`…`same_name_E`: a distractor with exactly the same name as a golden tool
 * (A: empty description, no parameters; B: golden description, no parameters; C: empty
 * description, a donor's parameters; D: golden description, a donor's parameters; E: a donor's
 * description and parameters). How many and where follow the authors' BFCL generator unless
 * `options` say otherwise; the metadata records both. The golden tool and answers are unchanged.
 */
export function sameName(variant: SameNameVariant, row: EvalRow, seed: number, options: SameNameOptions = {}): PerturbResult {
  const type = `same_name_${variant}`;
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const recipe = RECIPE[variant];
  const count = options.count ?? AUTHORS_COUNT[variant];
  const position = options.position ?? 'end';
  if (position === 'before_golden' && isBfclAst(row)) return skip('a distractor before its golden tool would be the tool BFCL checks the call against');
  const rng = new Rng(seed, type, row.id);
  const distractors = new Map<string, Distractor>();
  for (const gt of targets(split.golden, row.golden_answers.map((call) => call.name), count, rng)) {
    let donor: ToolSpec | undefined;
    if (recipe.parameters === 'donor') {
      donor = pickDonor(gt, split.golden, split.others, rng);
      if (!donor) return skip(`no other tool with different parameters to borrow from for ${gt.name}`);
    }
    const description = recipe.description === 'golden' ? gt.description : recipe.description === 'donor' ? donor!.description : '';
    const parameters = donor ? donor.parameters : { type: objectTypeOf(gt), properties: {}, required: [] };
    distractors.set(gt.name, { tool: { name: gt.name, description, parameters }, ...(donor ? { donor: donor.name } : {}) });
  }
  const { tools, placed } = place(row.tools, distractors, position);
  const metadata: JsonObject = {
    count,
    position,
    description_from: recipe.description,
    parameters_from: recipe.parameters,
    distractors: placed,
  };
  return perturbed(row, { type, mdp_category: 'action', metadata }, { tools });
}
