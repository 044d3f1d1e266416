import { type EvalRow, type JsonObject, type JsonValue, type Message, setOwn, type ToolCall, type ToolSpec } from '../schema/index.js';

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
  for (const name of documented) setOwn(echoed, driftedName(name), Object.hasOwn(call.parameters, name) ? call.parameters[name]! : null);
  return JSON.stringify({ apiVersion: '2', status: 'ok', request: echoed, result: null });
}

/** A body cut off mid-stream: it starts as the call's result would, then stops. */
function truncatedBody(call: ToolCall, name: string): string {
  const body = JSON.stringify({ status: 'ok', function: name, data: [{ id: 1, arguments: call.parameters }] });
  return body.slice(0, Math.max(24, Math.floor(body.length * 0.6)));
}

/**
 * How a fault reads. `terse`: one line, as the paper's harness injects an error string
 * (its texts are not published; these follow its fault names and the card's "401/403",
 * "5xx", "malformed JSON"). `realistic`: what real APIs send, status line and headers
 * included: a gateway's 504 page, OpenAI-style 429 JSON with Retry-After, a 401 with
 * `WWW-Authenticate`, a 503 JSON error. Neither tells the model what to do next: deciding
 * that is what the case measures.
 */
export type FaultStyle = 'terse' | 'realistic';
export const FAULT_STYLES: readonly FaultStyle[] = ['terse', 'realistic'];

export interface FaultOptions {
  style: FaultStyle;
  /** The tool's name as the model saw it (native mode may have sanitised it); the call's name unless set. */
  toolName?: string;
  /** The called tool's documented schema, for `schema_drift`. */
  tool?: ToolSpec;
}

function terseFault(type: FaultType, call: ToolCall, name: string, tool: ToolSpec | undefined): string {
  switch (type) {
    case 'timeout':
      return `Error: request to ${name} timed out after 30s (ReadTimeout). No response received.`;
    case 'rate_limit':
      return `Error: HTTP 429 Too Many Requests from ${name}: rate limit exceeded.`;
    case 'auth_error':
      return `Error: HTTP 401 Unauthorized from ${name}: invalid or expired token.`;
    case 'server_error':
      return `Error: HTTP 503 Service Unavailable from ${name}.`;
    case 'malformed_response':
      return truncatedBody(call, name);
    case 'schema_drift':
      return driftedBody(call, tool);
  }
}

const GATEWAY_TIMEOUT_PAGE =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';

function realisticFault(type: FaultType, call: ToolCall, name: string, tool: ToolSpec | undefined): string {
  const json = (status: string, headers: string[], body: unknown) => [`HTTP ${status}`, ...headers, 'Content-Type: application/json', '', JSON.stringify(body)].join('\n');
  switch (type) {
    case 'timeout':
      return `HTTP 504 Gateway Time-out\nServer: nginx\nContent-Type: text/html\n\n${GATEWAY_TIMEOUT_PAGE}`;
    case 'rate_limit':
      return json('429 Too Many Requests', ['Retry-After: 2', 'X-RateLimit-Limit-Requests: 60', 'X-RateLimit-Remaining-Requests: 0'], {
        error: { message: `Rate limit reached for ${name} on requests per min (RPM): Limit 60, Used 60, Requested 1.`, type: 'requests', param: null, code: 'rate_limit_exceeded' },
      });
    case 'auth_error':
      return json('401 Unauthorized', ['WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"'], {
        error: { message: 'The access token expired.', type: 'invalid_request_error', param: null, code: 'invalid_token' },
      });
    case 'server_error':
      return json('503 Service Unavailable', [], { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } });
    case 'malformed_response':
      return `HTTP 200 OK\nContent-Type: application/json\n\n${truncatedBody(call, name)}`;
    case 'schema_drift':
      return `HTTP 200 OK\nContent-Type: application/json\n\n${driftedBody(call, tool)}`;
  }
}

/** The text a tool call comes back with under a fault. */
export function faultMessage(type: FaultType, call: ToolCall, options: FaultOptions): string {
  const name = options.toolName ?? call.name;
  return options.style === 'terse' ? terseFault(type, call, name, options.tool) : realisticFault(type, call, name, options.tool);
}

function withTool(tool: ToolSpec | undefined): { tool?: ToolSpec } {
  return tool ? { tool } : {};
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
export function buildSecondPass(
  clean: EvalRow,
  pass1Calls: readonly ToolCall[],
  type: FaultType,
  options: { style: FaultStyle; nameAsSeen?: (name: string) => string },
): SecondPass {
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
    content: faultMessage(type, call, {
      style: options.style,
      ...(options.nameAsSeen ? { toolName: options.nameAsSeen(call.name) } : {}),
      ...withTool(clean.tools.find((t) => t.name === call.name)),
    }),
  }));
  return { ok: true, conversation: [...clean.conversation, assistant, ...faults] };
}
