import type { EvalRow, JsonObject, JsonValue, ParameterSchema, ToolSpec } from '../schema/index.js';
import { isBfclAst } from './bfclScoring.js';

/**
 * Words of a tool name that say it reads or computes something, where it lives, or nothing,
 * rather than what it is about: `calculate_area`, `get_area` and `math.area` do one job. On the
 * shared BFCL data `get`, `calculate`, `find` or `api` is in 610 of the 1327 tool names.
 * Verbs that change something (`set`, `add`, `book`, `delete`) name the job and are kept:
 * `set_alarm` is not `get_alarms`.
 */
const GENERIC_NAME_WORDS = new Set(
  ('get calc calculate compute find fetch retrieve solve search lookup look query check determine estimate evaluate ' +
    'perform run do make list show display obtain api info information detail data result tool service util utils helper ' +
    'math a an and as at by for from in into is it of on or per the to with').split(' '),
);

/** `roots` and `root`, `events` and `event` name the same thing; `class`, `status` and `analysis` keep their `s`. */
function singular(word: string): string {
  return word.length > 3 && /[^siu]s$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * The content words of a tool name: split at `.`, `_`, `-`, digits and camelCase humps,
 * lower-cased, made singular, generic words (GENERIC_NAME_WORDS) dropped.
 */
export function nameWords(name: string): Set<string> {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().match(/[a-z]+/g) ?? [];
  return new Set(words.map(singular).filter((w) => !GENERIC_NAME_WORDS.has(w)));
}

/**
 * Rule (a), same name: each name holds this share of the other's content words. At 1 they
 * are one job spelt differently: `solve_quadratic_equation` ~ `solve.quadratic_equation`,
 * `hotel.book` ~ `book_hotel`, `stock_price` ~ `get_stock_price`. Lower lets tools that only
 * share a subject through: at 2/3 `geometry.area_circle` ~ `geometry.area_triangle` and
 * `library.search_books` ~ `library.reserve_book` would count, though each is a fair distractor.
 */
export const SAME_NAME_SHARE = 1;

/**
 * Rule (b), same arguments: besides taking the golden call's arguments, the names share at least
 * this many content words. Taking the same arguments alone is no duplicate: `math.lcm` for
 * `math.gcd` (num1, num2), `sum` for `multiply` (a, b) or `geometry.area_circle` for
 * `calculate_circumference` (radius) are the related-but-different tools `redundant` is for.
 * With one shared word it catches `solve_quadratic_equation` for `math_roots.quadratic` (a, b, c)
 * and `math.triangle_area_heron` for `triangle_properties.get` (side1, side2, side3).
 */
export const SAME_ARGUMENTS_SHARED_WORDS = 1;

/** What a right answer to one golden call passes. */
export interface GoldenTarget {
  tool: ToolSpec;
  /** Parameters every right call passes. */
  needed: string[];
  /** Parameters a right call may pass, the needed ones included. */
  passable: string[];
}

/**
 * One target per golden call of the row to a tool in `tools`. In BFCL's answer form a parameter
 * lists its allowed values, `""` meaning it may be omitted; in plain form every given one is passed.
 */
export function goldenTargets(row: EvalRow, tools: readonly ToolSpec[]): GoldenTarget[] {
  const allowed = (value: JsonValue): JsonValue[] => (isBfclAst(row) && Array.isArray(value) ? value : [value]);
  return row.golden_answers.flatMap((call) => {
    const tool = tools.find((t) => t.name === call.name);
    if (!tool) return [];
    const params = Object.entries(call.parameters);
    return [{
      tool,
      needed: params.filter(([, v]) => !allowed(v).includes('')).map(([name]) => name),
      passable: params.filter(([, v]) => allowed(v).some((x) => x !== '')).map(([name]) => name),
    }];
  });
}

/** `side_1` and `side1`, `turnsPerMeter` and `turns_per_meter` are one parameter. */
const paramKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

interface ToolShape {
  words: Set<string>;
  /** Parameter schemas by `paramKey`. */
  params: Map<string, ParameterSchema>;
}

/**
 * A dataset's tools are candidates for row after row, so what the guard reads from one is
 * worked out once per tool object (rows are immutable here, see `perturbed`).
 */
const shapes = new WeakMap<ToolSpec, ToolShape>();

function shapeOf(tool: ToolSpec): ToolShape {
  let shape = shapes.get(tool);
  if (!shape) {
    shape = { words: nameWords(tool.name), params: new Map(Object.entries(tool.parameters.properties ?? {}).map(([name, schema]) => [paramKey(name), schema])) };
    shapes.set(tool, shape);
  }
  return shape;
}

/** JSON-Schema types and BFCL's names for them; an integer fits a float parameter, so both are numbers. */
const TYPE_FAMILIES: ReadonlyMap<string, string> = new Map(Object.entries({
  integer: 'number', int: 'number', float: 'number', number: 'number', double: 'number',
  string: 'string', str: 'string', boolean: 'boolean', bool: 'boolean',
  array: 'array', tuple: 'array', list: 'array', object: 'object', dict: 'object',
}));

/** Types a value could have under both schemas; no type, `any` or an unknown one fits everything. */
function typesFit(a: ParameterSchema | undefined, b: ParameterSchema | undefined): boolean {
  const families = (s: ParameterSchema | undefined) => [s?.type ?? 'any'].flat().map((t) => TYPE_FAMILIES.get(t.toLowerCase()) ?? 'any');
  const [fa, fb] = [families(a), families(b)];
  return fa.includes('any') || fb.includes('any') || fa.some((f) => fb.includes(f));
}

/**
 * The needed parameters when `candidate` takes the golden call's arguments, else undefined:
 * each needed one has a same-named parameter (see `paramKey`) of a fitting type in the
 * candidate, and each the candidate requires is one the call can pass. A call that needs no
 * argument proves nothing this way.
 */
function takesArguments(candidate: ToolSpec, theirs: ReadonlyMap<string, ParameterSchema>, target: GoldenTarget): string[] | undefined {
  if (target.needed.length === 0) return undefined;
  const golden = target.tool.parameters.properties ?? {};
  const fits = (name: string) => theirs.has(paramKey(name)) && typesFit(Object.hasOwn(golden, name) ? golden[name] : undefined, theirs.get(paramKey(name)));
  if (!target.needed.every(fits)) return undefined;
  const fillable = new Set(target.passable.filter(fits).map(paramKey));
  return (candidate.parameters.required ?? []).every((name) => fillable.has(paramKey(name))) ? target.needed : undefined;
}

/** Why `candidate` could stand in for the target's tool (rule a or b), or undefined. */
function standsInFor(candidate: ToolSpec, target: GoldenTarget): string | undefined {
  const { words: theirWords, params: theirs } = shapeOf(candidate);
  const goldenWords = shapeOf(target.tool).words;
  const shared = [...goldenWords].filter((w) => theirWords.has(w));
  const share = shared.length / Math.max(goldenWords.size, theirWords.size, 1);
  if (shared.length > 0 && share >= SAME_NAME_SHARE) return `same name words ${shared.join(', ')}`;
  if (shared.length < SAME_ARGUMENTS_SHARED_WORDS) return undefined;
  const params = takesArguments(candidate, theirs, target);
  return params && `same parameters ${params.join(', ')}; name shares ${shared.join(', ')}`;
}

/** A golden tool a candidate could stand in for, and why, in a few words. */
export interface Duplicate {
  for: string;
  reason: string;
}

/**
 * The golden call `candidate` could satisfy, if any: a model calling it with the right
 * arguments would be scored wrong for a right answer, so it is no distractor.
 */
export function duplicateOf(candidate: ToolSpec, targets: readonly GoldenTarget[]): Duplicate | undefined {
  for (const target of targets) {
    const reason = standsInFor(candidate, target);
    if (reason) return { for: target.tool.name, reason };
  }
  return undefined;
}

/** "`name` could satisfy the golden call to `for` (why)": a skip or rejection reason. */
export function describeDuplicate(name: string, duplicate: Duplicate): string {
  return `${name} could satisfy the golden call to ${duplicate.for} (${duplicate.reason})`;
}

/** The guard's thresholds, for a perturbed row's metadata. */
export const DUPLICATE_GUARD: JsonObject = {
  same_name_share: SAME_NAME_SHARE,
  same_arguments_shared_words: SAME_ARGUMENTS_SHARED_WORDS,
};
