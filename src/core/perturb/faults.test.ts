import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { evalRow } from '../schema/index.js';
import { buildSecondPass, driftedName, faultMessage, FAULT_STATUS, FAULT_TYPES, transitionRow } from './faults.js';

const area = tool('triangle_area', 'Area of a triangle.', { base_length: { type: 'integer' }, height: { type: 'integer' } });
const row = makeRow({ query: 'Area of a triangle with base 10 and height 5?', tools: [area], golden: [{ name: 'triangle_area', parameters: { base_length: [10], height: [5] } }] });
const call = { name: 'triangle_area', parameters: { base_length: 10, height: 5 } };

const terse = { style: 'terse' } as const;
const realistic = { style: 'realistic' } as const;
/** Words that tell the model what to do next: the fault must leave that to it. */
const ADVICE = /\b(please|retry|try again|again|resend|send the request|should|must)\b/i;

test('terse faults are one line that names the tool, with no advice', () => {
  assert.equal(faultMessage('timeout', call, terse), 'Error: request to triangle_area timed out after 30s (ReadTimeout). No response received.');
  assert.match(faultMessage('rate_limit', call, terse), /^Error: HTTP 429 Too Many Requests from triangle_area/);
  assert.match(faultMessage('auth_error', call, terse), /^Error: HTTP 401 Unauthorized/);
  assert.match(faultMessage('server_error', call, terse), /^Error: HTTP 503 Service Unavailable/);
  for (const type of FAULT_TYPES) {
    const text = faultMessage(type, call, { ...terse, tool: area });
    assert.doesNotMatch(text, ADVICE, type);
    assert.ok(!text.includes('\n'), `${type} is one line`);
  }
});

test('realistic faults read as real HTTP answers with their status, headers and bodies, with no advice', () => {
  assert.match(faultMessage('timeout', call, realistic), /^HTTP 504 Gateway Time-out\n[\s\S]*<h1>504 Gateway Time-out<\/h1>/);
  const limited = faultMessage('rate_limit', call, realistic);
  assert.match(limited, /^HTTP 429 Too Many Requests\nRetry-After: 2\n/);
  assert.equal((JSON.parse(limited.split('\n\n')[1]!) as { error: { code: string } }).error.code, 'rate_limit_exceeded');
  assert.match(faultMessage('auth_error', call, realistic), /^HTTP 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"/);
  assert.match(faultMessage('server_error', call, realistic), /^HTTP 503 Service Unavailable\n/);
  for (const type of FAULT_TYPES) {
    const text = faultMessage(type, call, { ...realistic, tool: area });
    assert.ok(text.startsWith(`HTTP ${FAULT_STATUS[type]} `), type);
    assert.doesNotMatch(text.split('\n').filter((line) => !line.startsWith('Retry-After')).join('\n'), ADVICE, type);
  }
});

test('a malformed response is a JSON body cut off mid-stream, in both styles', () => {
  for (const style of ['terse', 'realistic'] as const) {
    const text = faultMessage('malformed_response', call, { style });
    const body = style === 'terse' ? text : text.split('\n\n')[1]!;
    assert.ok(body.startsWith('{"status":"ok"'), style);
    assert.throws(() => JSON.parse(body));
  }
});

test('schema drift answers with the documented fields renamed and none of the documented names', () => {
  const body = JSON.parse(faultMessage('schema_drift', call, { ...realistic, tool: area }).split('\n\n')[1]!) as { request: Record<string, unknown> };
  assert.deepEqual(body.request, { baseLength: 10, height_v2: 5 });
  assert.deepEqual(JSON.parse(faultMessage('schema_drift', call, { ...terse, tool: area })), body);
  assert.equal(driftedName('maxResults'), 'max_results');
  assert.equal(driftedName('a_'), 'a__v2');
});

test('the fault names the tool as the model saw it', () => {
  const dotted = { name: 'math.area', parameters: {} };
  assert.match(faultMessage('timeout', dotted, { ...terse, toolName: 'math_area' }), /request to math_area timed out/);
  const second = buildSecondPass(makeRow({ tools: [tool('math.area')] }), [dotted], 'server_error', { ...terse, nameAsSeen: (n) => n.replace('.', '_') });
  assert.ok(second.ok);
  assert.match(second.conversation.at(-1)!.content!, /from math_area\.$/);
  assert.equal(second.conversation.at(-1)!.name, 'math.area', 'the message field keeps the original: the backend maps it as it maps the tools');
});

test('pass 2 = clean conversation + the first calls (OpenAI form, ids) + one fault message per call', () => {
  const second = buildSecondPass(row, [call, { ...call, parameters: { base_length: 3, height: 4 } }], 'rate_limit', realistic);
  assert.ok(second.ok);
  const conversation = second.conversation;
  assert.deepEqual(conversation.slice(0, 1), row.conversation);
  assert.deepEqual(conversation[1], {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_0', type: 'function', function: { name: 'triangle_area', arguments: '{"base_length":10,"height":5}' } },
      { id: 'call_1', type: 'function', function: { name: 'triangle_area', arguments: '{"base_length":3,"height":4}' } },
    ],
  });
  assert.deepEqual(conversation.slice(2).map((m) => [m.role, m.tool_call_id, m.name]), [['tool', 'call_0', 'triangle_area'], ['tool', 'call_1', 'triangle_area']]);
  assert.match(conversation[2]!.content!, /^HTTP 429/);
  assert.ok(evalRow.safeParse({ ...row, conversation }).success, 'the pass-2 conversation fits the message schema');
});

test('no pass-1 call, no fault', () => {
  const second = buildSecondPass(row, [], 'timeout', terse);
  assert.equal(second.ok, false);
});

test('a transition row keeps the clean row and its golden answers and names the fault', () => {
  const t = transitionRow(row, 'auth_error');
  assert.deepEqual(t.perturbation, { type: 'auth_error', mdp_category: 'transition', metadata: { fault: 'auth_error', http_status: 401 } });
  assert.deepEqual(t.golden_answers, row.golden_answers);
  assert.equal(t.id, row.id);
  assert.ok(evalRow.safeParse(t).success);
});
