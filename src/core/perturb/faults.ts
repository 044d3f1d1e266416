import type { EvalRow, JsonObject, JsonValue, Message, ToolCall, ToolSpec } from '../schema/index.js';

export const FAULT_TYPES = ['timeout', 'rate_limit', 'auth_error', 'server_error', 'malformed_response', 'schema_drift'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export function isFaultType(type: string): type is FaultType {
  return (FAULT_TYPES as readonly string[]).includes(type);
}

/** The HTTP status each fault arrives with; a malformed or drifted body still comes with a 200. */
export const FAULT_STATUS: Record<FaultType, number> = {
  timeout: 504,
  rate_limit: 429,
  auth_error: 401,
  server_error: 503,
  malformed_response: 200,
  schema_drift: 200,
};

/**
 * A field name as a later API version might spell it: snake_case and camelCase swapped, else
 * `_v2` appended. Deterministic, so the same call always drifts the same way.
 */
export function driftedName(name: string): string {
  const swapped = name.includes('_')
    ? name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
    : name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return swapped !== name ? swapped : `${name}_v2`;
}

/**
 * A schema-drift body: the call's fields echoed back under renamed keys, with none of the
 * documented names, so a client reading the documented schema finds nothing it knows.
 */
function driftedBody(call: ToolCall, tool: ToolSpec | undefined): string {
  const documented = Object.keys(tool?.parameters.properties ?? call.parameters);
  const echoed: Record<string, JsonValue> = {};
  for (const name of documented) echoed[driftedName(name)] = call.parameters[name] ?? null;
  return JSON.stringify({ apiVersion: '2', status: 'ok', request: echoed, result: null });
}

/**
 * The text a tool call comes back with under each fault: written as a real HTTP client or
 * gateway reports it (status line, the headers that matter, a JSON error body). The texts of
 * the official harness are not published; these follow its fault names and the card's
 * "401/403", "5xx", "malformed JSON".
 */
export function faultMessage(type: FaultType, call: ToolCall, tool?: ToolSpec): string {
  switch (type) {
    case 'timeout':
      return `HTTP 504 Gateway Timeout\nContent-Type: application/json\n\n{"error":{"code":"upstream_timeout","message":"The upstream service for ${call.name} did not respond within 30s (ReadTimeout)."}}`;
    case 'rate_limit':
      return `HTTP 429 Too Many Requests\nRetry-After: 2\nX-RateLimit-Limit: 60\nX-RateLimit-Remaining: 0\nContent-Type: application/json\n\n{"error":{"code":"rate_limit_exceeded","message":"Rate limit of 60 requests per minute exceeded for ${call.name}. Retry after 2 seconds."}}`;
    case 'auth_error':
      return `HTTP 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"\nContent-Type: application/json\n\n{"error":{"code":"invalid_token","message":"The access token expired. The client refreshed its credentials; send the request again."}}`;
    case 'server_error':
      return `HTTP 503 Service Unavailable\nRetry-After: 1\nContent-Type: application/json\n\n{"error":{"code":"service_unavailable","message":"${call.name} is temporarily unavailable. Please retry."}}`;
    case 'malformed_response': {
      // A body cut off mid-stream: it starts as the call's result would, then stops.
      const body = JSON.stringify({ status: 'ok', function: call.name, data: [{ id: 1, arguments: call.parameters }] });
      return `HTTP 200 OK\nContent-Type: application/json\n\n${body.slice(0, Math.max(24, Math.floor(body.length * 0.6)))}`;
    }
    case 'schema_drift':
      return `HTTP 200 OK\nContent-Type: application/json\n\n${driftedBody(call, tool)}`;
  }
}

/** The row a transition case is run from: the clean row, its golden answers unchanged. */
export function transitionRow(clean: EvalRow, type: FaultType): EvalRow {
  const metadata: JsonObject = { fault: type, http_status: FAULT_STATUS[type] };
  return { ...clean, perturbation: { type, mdp_category: 'transition', metadata } };
}

/** The id of pass 1's i-th call in the pass-2 conversation: the tool message answers it by this id. */
export function toolCallId(index: number): string {
  return `call_${index}`;
}

export type SecondPass = { ok: true; conversation: Message[] } | { ok: false; reason: string };

/**
 * The pass-2 conversation of a transition case: the clean conversation, an assistant message
 * with pass 1's call(s) in OpenAI form, and one `tool` message per call carrying the fault.
 * The right move is to issue the correct call again. Without a pass-1 call there is nothing to
 * fail: no fault is injected and pass 1 is scored.
 */
export function buildSecondPass(clean: EvalRow, pass1Calls: readonly ToolCall[], type: FaultType): SecondPass {
  if (pass1Calls.length === 0) return { ok: false, reason: 'pass 1 made no tool call, so no fault is injected' };
  const assistant: Message = {
    role: 'assistant',
    content: null,
    tool_calls: pass1Calls.map((call, i) => ({
      id: toolCallId(i),
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.parameters) },
    })),
  };
  const faults: Message[] = pass1Calls.map((call, i) => ({
    role: 'tool',
    tool_call_id: toolCallId(i),
    name: call.name,
    content: faultMessage(type, call, clean.tools.find((t) => t.name === call.name)),
  }));
  return { ok: true, conversation: [...clean.conversation, assistant, ...faults] };
}
