/**
 * Pretty JSON with object keys sorted, so the same content always prints the same way and a
 * diff shows only what changed (a renamed tool, an added distractor), never key order.
 */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent) ?? 'null';
}

/** Values reach here from records the readers checked for depth, so recursion is bounded. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // fromEntries defines own properties: a key named `__proto__` stays a key.
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
