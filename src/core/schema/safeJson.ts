/**
 * Deeper than this, a JSON value is refused. No benchmark record, tool schema or model answer
 * nests anywhere near it (BFCL's deepest is under 10), and every walker of values in RobustLens
 * recurses, so a hostile value thousands of levels deep must stop at the boundary.
 */
export const MAX_JSON_DEPTH = 100;

/** A value nested deeper than MAX_JSON_DEPTH. */
export class JsonTooDeepError extends Error {
  constructor(readonly limit: number) {
    super(`JSON nested deeper than ${limit} levels`);
  }
}

/** Whether `value` holds arrays or objects nested deeper than `limit`; iterative, so it cannot overflow itself. */
export function nestedDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * `JSON.parse` for text from files, servers and models: the same value (keys named `__proto__`
 * stay own properties, as JSON.parse makes them), refused with JsonTooDeepError when nested
 * deeper than `limit`. V8's parser itself copes with any depth; what follows it does not.
 */
export function parseJson(text: string, limit = MAX_JSON_DEPTH): unknown {
  const value = JSON.parse(text) as unknown;
  if (nestedDeeperThan(value, limit)) throw new JsonTooDeepError(limit);
  return value;
}
