import type { EvalRow, JsonObject, ToolSpec } from '../schema/index.js';
import { objectTypeOf, splitTools } from './goldenTools.js';
import { perturbed, skip, type PerturbResult } from './types.js';

export type RewardLureType = 'CD' | 'TD' | 'CD_NT' | 'TD_NT' | 'CD_AB' | 'TD_AB';
export const REWARD_LURE_TYPES: readonly RewardLureType[] = ['CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB'];

/** The exact tags of the RobustBench-TC generator: the golden tool gets the good one. */
export const COST_TAGS = { golden: ' [Cost: $0.01 per call]', distractor: ' [Cost: $0.15 per call]' } as const;
export const TIME_TAGS = { golden: ' [Response time: ~50ms]', distractor: ' [Response time: ~2100ms]' } as const;

/**
 * How a golden tool name is abbreviated by `CD_AB`/`TD_AB`. Both replace `.` with `_`, split on
 * `_` and join the segments' abbreviations with `_`. `authors`: a segment becomes its capitals,
 * or its first letter upper-cased when it has none (the authors' generator, so the released
 * rows: `solarFarm.potential` → `F_P`, `ProteinRichMealPlanner_generateList` → `PRMP_L`).
 * `examples`: a segment becomes its first letter upper-cased followed by its other capitals
 * (the paper's printed examples: `SF_P`, `PRMP_GL`). They differ on 75 rows of the shared BFCL data.
 */
export type AbbreviationRule = 'authors' | 'examples';
export const ABBREVIATION_RULES: readonly AbbreviationRule[] = ['authors', 'examples'];

function abbreviateSegment(segment: string, rule: AbbreviationRule): string {
  const capitals = segment.replace(/[^A-Z]/g, '');
  if (rule === 'authors') return capitals || segment[0]!.toUpperCase();
  return segment[0]!.toUpperCase() + segment.slice(1).replace(/[^A-Z]/g, '');
}

export function abbreviate(name: string, rule: AbbreviationRule = 'authors'): string {
  return name
    .replace(/\./g, '_')
    .split('_')
    .filter((segment) => segment !== '')
    .map((segment) => abbreviateSegment(segment, rule))
    .join('_');
}

interface LureRecipe {
  tags: { golden: string; distractor: string };
  distractorName: (goldenName: string) => string;
  renameGolden: boolean;
}

const RECIPES: Record<RewardLureType, LureRecipe> = {
  CD: { tags: COST_TAGS, distractorName: (n) => `${n}_Budget`, renameGolden: false },
  TD: { tags: TIME_TAGS, distractorName: (n) => `${n}_Fast`, renameGolden: false },
  CD_NT: { tags: COST_TAGS, distractorName: (n) => `${n}_1`, renameGolden: false },
  TD_NT: { tags: TIME_TAGS, distractorName: (n) => `${n}_1`, renameGolden: false },
  CD_AB: { tags: COST_TAGS, distractorName: (n) => `${n}_1`, renameGolden: true },
  TD_AB: { tags: TIME_TAGS, distractorName: (n) => `${n}_1`, renameGolden: true },
};

/**
 * Reward-relevant metadata lures. For each distinct golden tool: its description gets the
 * good tag (cheap / fast) and a parameterless distractor with the golden description and the
 * bad tag is added right before it; the new order is `non-golden + [distractor, golden]…`.
 * The `*_AB` types also rename the golden tool to its abbreviation, in the tool list and in
 * the golden answers, while the distractor keeps the full name plus `_1`.
 */
export function rewardLure(type: RewardLureType, row: EvalRow, rule: AbbreviationRule = 'authors'): PerturbResult {
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const recipe = RECIPES[type];
  const taken = new Set(row.tools.map((t) => t.name));
  const renames = new Map<string, string>();
  const pairs: ToolSpec[] = [];
  const added: JsonObject[] = [];
  for (const gt of split.golden) {
    if (split.golden.filter((t) => t.name === gt.name).length > 1) return skip(`the tool list has more than one tool named ${gt.name}`);
    const distractorName = recipe.distractorName(gt.name);
    const goldenName = recipe.renameGolden ? abbreviate(gt.name, rule) : gt.name;
    if (taken.has(distractorName)) return skip(`the distractor name ${distractorName} is already a tool of this row`);
    if (goldenName === '') return skip(`${gt.name} has no letters to abbreviate`);
    if (goldenName !== gt.name && taken.has(goldenName)) return skip(`the abbreviation ${goldenName} of ${gt.name} is already a tool name`);
    taken.add(distractorName);
    taken.add(goldenName);
    if (recipe.renameGolden) renames.set(gt.name, goldenName);
    added.push({ name: distractorName, index: split.others.length + pairs.length, for: goldenName });
    pairs.push(
      { name: distractorName, description: gt.description + recipe.tags.distractor, parameters: { type: objectTypeOf(gt), properties: {} } },
      { ...gt, name: goldenName, description: gt.description + recipe.tags.golden },
    );
  }
  const metadata: JsonObject = {
    golden_tag: recipe.tags.golden,
    distractor_tag: recipe.tags.distractor,
    distractors: added,
    ...(recipe.renameGolden ? { abbreviation: rule, renamed: [...renames].map(([from, to]) => ({ from, to })) } : {}),
  };
  const changes = recipe.renameGolden
    ? { golden_answers: row.golden_answers.map((call) => ({ ...call, name: renames.get(call.name) ?? call.name })) }
    : {};
  return perturbed(row, { type, mdp_category: 'reward', metadata }, { tools: [...split.others, ...pairs], ...changes });
}
