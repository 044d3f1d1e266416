import { PyDict, type PyValue } from '../../python/values.js';

/**
 * One decoded call, BFCL's `{function_name: arguments}`. Both decoders produce exactly one
 * key per call, so the name and the arguments are kept apart here.
 */
export interface DecodedCall {
  name: string;
  /** A dict for a well-formed call; function-calling output can decode to any JSON value. */
  args: PyValue;
}

/** BFCL's `is_function_calling_format_output`: every call's arguments are a dict. */
export function isFunctionCallingFormat(calls: DecodedCall[]): boolean {
  return calls.every((c) => c.args instanceof PyDict);
}

/** BFCL's `is_empty_output`: no well-formed call at all counts as "no function call". */
export function isEmptyOutput(calls: DecodedCall[]): boolean {
  return !isFunctionCallingFormat(calls) || calls.length === 0;
}
