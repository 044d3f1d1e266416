import { z } from 'zod';
import { errorMessage } from '../../common/errorMessage.js';
import { JsonTooDeepError, MAX_JSON_DEPTH, parseJson } from './safeJson.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An object as JSON.parse makes them: not an array, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

interface JsonIssue {
  path: PropertyKey[];
  message: string;
}

interface Visit {
  value: unknown;
  depth: number;
  parent?: Visit;
  key?: PropertyKey;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.unshift(v.key!);
  return path;
}

function leafProblem(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `expected a finite number, got ${value}`;
  return `expected a JSON value, got ${value === undefined ? 'undefined' : typeof value}`;
}

/**
 * Why `value` is not a JSON value no deeper than MAX_JSON_DEPTH, or undefined when it is.
 * Iterative, so no depth can overflow it; a parent chain instead of path copies keeps it linear.
 */
function jsonIssue(value: unknown): JsonIssue | undefined {
  const stack: Visit[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value: current, depth } = visit;
    const isContainer = Array.isArray(current) || isPlainObject(current);
    if (!isContainer) {
      const problem = leafProblem(current);
      if (problem) return { path: pathOf(visit), message: problem };
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) return { path: pathOf(visit), message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(current) ? current.map((item, i) => [i, item]) : Object.entries(current);
    for (const [key, item] of entries) stack.push({ value: item, depth: depth + 1, parent: visit, key });
  }
  return undefined;
}

/**
 * Checks a JSON value in place and hands on the input itself. Zod's own record and object
 * schemas copy into fresh objects, where a key named `__proto__` is lost (and with it, a
 * wrong argument); a value that is not copied keeps every key JSON.parse gave it.
 */
function checkedJson<T>(rootIsObject: boolean): z.ZodType<T> {
  return z.custom<T>().superRefine((value, ctx) => {
    const issue = rootIsObject && !isPlainObject(value) ? { path: [], message: 'expected an object' } : jsonIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  });
}

export const jsonValue: z.ZodType<JsonValue> = checkedJson<JsonValue>(false);

export const jsonObject: z.ZodType<JsonObject> = checkedJson<JsonObject>(true);

/** Sets `out[key]` as an own property, also when `key` is `__proto__` (plain assignment would set the prototype). */
export function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `z.record(z.string(), value)` that keeps every key, `__proto__` included, with its validated value. */
export function ownRecord<T extends z.ZodType>(value: T): z.ZodType<Record<string, z.output<T>>> {
  return z.custom<Record<string, unknown>>(isPlainObject, 'expected an object').transform((input, ctx) => {
    const out: Record<string, z.output<T>> = {};
    for (const [key, item] of Object.entries(input)) {
      const parsed = value.safeParse(item);
      if (parsed.success) setOwn(out, key, parsed.data);
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path] });
    }
    return out;
  });
}

/**
 * The official RobustBench-TC release stores some object fields as JSON-encoded strings.
 * Accept either form and always hand on the decoded value.
 */
export function jsonEncodedOr<T extends z.ZodType>(inner: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return parseJson(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `expected an object or a JSON-encoded string: ${errorMessage(err)}` });
      return z.NEVER;
    }
  }, inner);
}

/** Why `parseJson` refused a text, to follow its subject: "the answer is not JSON (…)". */
export function notJsonReason(err: unknown): string {
  return err instanceof JsonTooDeepError ? `is nested deeper than ${err.limit} levels` : `is not JSON (${errorMessage(err)})`;
}

/** One line describing the first few issues of a failed parse, with their paths. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
