// Helpers for the JSON that goes to model servers and comes back from them.
import { type JsonObject, type JsonValue, parseJson as parseBoundedJson } from '../schema/index.js';
import { errorMessage } from '../../common/errorMessage.js';

export type ParsedJson = { ok: true; value: JsonValue } | { ok: false; error: string };

/**
 * JSON.parse that reports instead of throwing: model output is often not JSON. An answer nested
 * deeper than the limit is reported the same way, so one hostile answer never stops a run.
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: parseBoundedJson(text) as JsonValue };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Model text quoted in an error message, cut to a readable length. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The object without its undefined fields, so they are left out of the JSON sent. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
