import { createHash } from 'node:crypto';
import type { ToolSpec } from '../schema/index.js';

/** What OpenAI-style APIs accept as a function name (vLLM and LM Studio enforce it too). */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME = 64;

/**
 * Native mode sends tool names that OpenAI-style APIs accept and maps the answer back.
 * Benchmarks use names such as `math.factorial` or `Weather API`; each unsafe character becomes
 * `_` (`math_factorial`, as BFCL's own function-calling handlers do, so the model sees a natural
 * name), an over-long name is cut and suffixed with a hash of the original, and a clash with
 * another tool's name gets `_2`, `_3`…. The mapping is reversible because it is a table built
 * per request from that request's tool list: every alias maps back to exactly one original.
 * Names the model invents pass through unchanged, so a hallucinated name stays visible.
 */
export class ToolNameMap {
  private readonly aliasOf = new Map<string, string>();
  private readonly originalOf = new Map<string, string>();

  constructor(tools: readonly Pick<ToolSpec, 'name'>[]) {
    const names = [...new Set(tools.map((t) => t.name))];
    // Names that are already safe keep themselves; only the others need an alias that avoids them.
    for (const name of names.filter((n) => SAFE_NAME.test(n))) this.bind(name, name);
    for (const name of names.filter((n) => !SAFE_NAME.test(n))) this.bind(name, this.freeAlias(name));
  }

  toSafe(name: string): string {
    return this.aliasOf.get(name) ?? name;
  }

  toOriginal(alias: string): string {
    return this.originalOf.get(alias) ?? alias;
  }

  private bind(name: string, alias: string): void {
    this.aliasOf.set(name, alias);
    this.originalOf.set(alias, name);
  }

  private freeAlias(name: string): string {
    let base = name.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
    if (base.length > MAX_NAME) base = `${base.slice(0, MAX_NAME - 9)}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `_${n}`;
      const alias = base.slice(0, MAX_NAME - suffix.length) + suffix;
      if (!this.originalOf.has(alias)) return alias;
    }
  }
}
