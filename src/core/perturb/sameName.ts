import type { EvalRow, JsonObject, ToolSpec } from '../schema/index.js';
import { defaultDistractorPosition } from './bfclScoring.js';
import { objectTypeOf, splitTools } from './goldenTools.js';
import { Rng } from './rng.js';
import { perturbed, skip, type PerturbResult } from './types.js';

export type SameNameVariant = 'A' | 'B' | 'C' | 'D' | 'E';
export const SAME_NAME_VARIANTS: readonly SameNameVariant[] = ['A', 'B', 'C', 'D', 'E'];

/** Where a distractor goes in the tool list, next to its golden tool. */
export type DistractorPosition = 'before_golden' | 'after_golden';

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

/**
 * `same_name_A`…`same_name_E`: for each distinct golden tool, a distractor with exactly the
 * same name (A: empty description, no parameters; B: golden description, no parameters;
 * C: empty description, a donor's parameters; D: golden description, a donor's parameters;
 * E: a donor's description and parameters). It sits immediately before its golden tool, or
 * after it on rows BFCL's checker scores (see `defaultDistractorPosition`), unless `position`
 * says otherwise. The golden tool and the golden answers are unchanged.
 */
export function sameName(
  variant: SameNameVariant,
  row: EvalRow,
  seed: number,
  position: DistractorPosition = defaultDistractorPosition(row),
): PerturbResult {
  const type = `same_name_${variant}`;
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const recipe = RECIPE[variant];
  const rng = new Rng(seed, type, row.id);
  const distractors = new Map<string, { tool: ToolSpec; donor?: string }>();
  for (const gt of split.golden) {
    if (distractors.has(gt.name)) continue;
    let donor: ToolSpec | undefined;
    if (recipe.parameters === 'donor') {
      donor = pickDonor(gt, split.golden, split.others, rng);
      if (!donor) return skip(`no other tool with different parameters to borrow from for ${gt.name}`);
    }
    const description = recipe.description === 'golden' ? gt.description : recipe.description === 'donor' ? donor!.description : '';
    const parameters = donor ? donor.parameters : { type: objectTypeOf(gt), properties: {}, required: [] };
    distractors.set(gt.name, { tool: { name: gt.name, description, parameters }, ...(donor ? { donor: donor.name } : {}) });
  }

  const tools: ToolSpec[] = [];
  const placed: JsonObject[] = [];
  for (const tool of row.tools) {
    const d = distractors.get(tool.name);
    if (d && position === 'after_golden') tools.push(tool);
    if (d) {
      placed.push({ name: d.tool.name, index: tools.length, ...(d.donor ? { borrowed_from: d.donor } : {}) });
      tools.push(d.tool);
      distractors.delete(tool.name);
    }
    if (!d || position === 'before_golden') tools.push(tool);
  }
  const metadata: JsonObject = {
    position,
    description_from: recipe.description,
    parameters_from: recipe.parameters,
    distractors: placed,
  };
  return perturbed(row, { type, mdp_category: 'action', metadata }, { tools });
}
