import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { evalRow } from '../schema/index.js';
import { buildSecondPass, driftedName, faultMessage, FAULT_STATUS, FAULT_TYPES, transitionRow } from './faults.js';

const area = tool('triangle_area', 'Area of a triangle.', { base_length: { type: 'integer' }, height: { type: 'integer' } });
const row = makeRow({ query: 'Area of a triangle with base 10 and height 5?', tools: [area], golden: [{ name: 'triangle_area', parameters: { base_length: [10], height: [5] } }] });
const call = { name: 'triangle_area', parameters: { base_length: 10, height: 5 } };

test('every fault reads as a real HTTP answer with its status', () => {
  assert.match(faultMessage('timeout', call), /^HTTP 504 Gateway Timeout\n[\s\S]*did not respond within 30s/);
  assert.match(faultMessage('rate_limit', call), /^HTTP 429 Too Many Requests\nRetry-After: 2\n/);
  assert.match(faultMessage('auth_error', call), /^HTTP 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"/);
  assert.match(faultMessage('server_error', call), /^HTTP 503 Service Unavailable\n/);
  for (const type of FAULT_TYPES) assert.ok(faultMessage(type, call).startsWith(`HTTP ${FAULT_STATUS[type]} `), type);
});

test('a malformed response is a JSON body cut off mid-stream', () => {
  const body = faultMessage('malformed_response', call).split('\n\n')[1]!;
  assert.ok(body.startsWith('{"status":"ok"'));
  assert.throws(() => JSON.parse(body));
});

test('schema drift answers with the documented fields renamed and none of the documented names', () => {
  const body = JSON.parse(faultMessage('schema_drift', call, area).split('\n\n')[1]!) as { request: Record<string, unknown> };
  assert.deepEqual(body.request, { baseLength: 10, height_v2: 5 });
  assert.equal(driftedName('maxResults'), 'max_results');
  assert.equal(driftedName('a_'), 'a__v2');
});

test('pass 2 = clean conversation + the first calls (OpenAI form, ids) + one fault message per call', () => {
  const second = buildSecondPass(row, [call, { ...call, parameters: { base_length: 3, height: 4 } }], 'rate_limit');
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
  const second = buildSecondPass(row, [], 'timeout');
  assert.equal(second.ok, false);
});

test('a transition row keeps the clean row and its golden answers and names the fault', () => {
  const t = transitionRow(row, 'auth_error');
  assert.deepEqual(t.perturbation, { type: 'auth_error', mdp_category: 'transition', metadata: { fault: 'auth_error', http_status: 401 } });
  assert.deepEqual(t.golden_answers, row.golden_answers);
  assert.equal(t.id, row.id);
  assert.ok(evalRow.safeParse(t).success);
});
