import { type PerturbationId, perturbationSpec, STATIC_TYPES } from '../perturb/index.js';
import { type Component, COMPONENTS } from '../schema/index.js';

/** The components a training set can draw from: transition faults happen at run time, not in a file. */
export const STATIC_COMPONENTS = COMPONENTS.filter((c) => c !== 'transition');

/**
 * Named mixes. `uniform` weighs the 16 static types alike; `full` is the paper's ToolRL-DR-Full,
 * which is that same spread ("uniformly over the 16 static types"); `components` gives each
 * component a third, split alike over its types; a component's name keeps only its types (the
 * paper's one-component ablations).
 */
export const NAMED_MIXES = ['uniform', 'full', 'components', ...STATIC_COMPONENTS] as const;

export class MixError extends Error {}

/** A mix: each type's share of the perturbed samples, summing to 1, in registry order. */
export type Mix = ReadonlyMap<PerturbationId, number>;

export interface ParsedMix {
  mix: Mix;
  /** Types the spec gives a share that cannot be made here (they need a rewriter); their share went to the others of their group. */
  dropped: PerturbationId[];
}

function typesOf(component: Component): PerturbationId[] {
  return STATIC_TYPES.filter((id) => perturbationSpec(id).component === component);
}

function isComponent(name: string): name is Component {
  return (STATIC_COMPONENTS as readonly string[]).includes(name);
}

function normalised(weights: Map<PerturbationId, number>): Mix {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new MixError('the mix gives no type that can be made here a weight above 0');
  return new Map(STATIC_TYPES.filter((id) => (weights.get(id) ?? 0) > 0).map((id) => [id, weights.get(id)! / total]));
}


/**
 * `uniform`, `full`, `components`, `observation`, `action`, `reward`, or weights per component or
 * type (`observation=2,CD=1`: a component's weight is split alike over its types, weights add).
 * A group's weight goes to the types of it that `runnable` holds, so `components` still gives
 * observation a third when only its rule-based type can be made.
 */
export function parseMix(spec: string, runnable: readonly PerturbationId[] = STATIC_TYPES): ParsedMix {
  const text = spec.trim();
  const weights = new Map<PerturbationId, number>();
  const dropped = new Set<PerturbationId>();
  const spread = (types: readonly PerturbationId[], weight: number): void => {
    const made = types.filter((id) => runnable.includes(id));
    types.filter((id) => !made.includes(id)).forEach((id) => dropped.add(id));
    for (const id of made) weights.set(id, (weights.get(id) ?? 0) + weight / made.length);
  };
  if (text === 'uniform' || text === 'full') spread(STATIC_TYPES, 1);
  else if (text === 'components') STATIC_COMPONENTS.forEach((c) => spread(typesOf(c), 1));
  else if (isComponent(text)) spread(typesOf(text), 1);
  else {
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = /^([A-Za-z_]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
      if (!match) throw new MixError(`"${part}": use name=weight, e.g. observation=2,CD=1, or one of ${NAMED_MIXES.join(', ')}`);
      const [, name, weight] = match as unknown as [string, string, string];
      if (isComponent(name)) spread(typesOf(name), Number(weight));
      else if ((STATIC_TYPES as readonly string[]).includes(name)) spread([name as PerturbationId], Number(weight));
      else throw new MixError(`"${name}" is not a component (${STATIC_COMPONENTS.join(', ')}) or a static perturbation type (${STATIC_TYPES.join(', ')})`);
    }
  }
  return { mix: normalised(weights), dropped: STATIC_TYPES.filter((id) => dropped.has(id)) };
}

/**
 * Splits `total` samples over the mix by largest remainder (Hamilton): every type gets the floor
 * of its exact share and the leftovers go to the largest fractions, earlier types first on ties,
 * so each count is within one of its exact share and they sum to `total`.
 */
export function apportion(total: number, mix: Mix): Map<PerturbationId, number> {
  const exact = [...mix].map(([id, share]) => ({ id, exact: share * total }));
  const counts = new Map(exact.map(({ id, exact: x }) => [id, Math.floor(x)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, order) => ({ ...e, order, remainder: e.exact - Math.floor(e.exact) }))
    .sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  for (const { id } of byRemainder) {
    if (left-- <= 0) break;
    counts.set(id, counts.get(id)! + 1);
  }
  return counts;
}
