import { z } from 'zod';
import { errorMessage } from '../../common/errorMessage.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const jsonObject: z.ZodType<JsonObject> = z.record(z.string(), jsonValue);

/**
 * The official RobustBench-TC release stores some object fields as JSON-encoded strings.
 * Accept either form and always hand on the decoded value.
 */
export function jsonEncodedOr<T extends z.ZodType>(inner: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `expected an object or a JSON-encoded string: ${errorMessage(err)}` });
      return z.NEVER;
    }
  }, inner);
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
