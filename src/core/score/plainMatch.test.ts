import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchCalls } from './plainMatch.js';

const golden = [{ name: 'ModifyRegistration', parameters: { appointment_id: '34567890', new_appointment_date: '2023-03-26', new_appointment_doctor: 'Dr. Lee' } }];

test('exact match ignores key order, case and "4" vs 4', () => {
  const predicted = [{ name: 'ModifyRegistration', parameters: { new_appointment_doctor: 'dr. lee ', appointment_id: 34567890, new_appointment_date: '2023-03-26' } }];
  assert.deepEqual(matchCalls(golden, predicted, 'exact'), { correct: true });
});

test('soft match accepts extra calls, exact does not', () => {
  const predicted = [{ name: 'QueryHistory', parameters: {} }, ...golden];
  assert.equal(matchCalls(golden, predicted, 'soft').correct, true);
  const exact = matchCalls(golden, predicted, 'exact');
  assert.equal(exact.error_type, 'match:wrong_count');
  assert.match(exact.explanation ?? '', /extra: QueryHistory/);
});

test('a wrong value names the parameter, expected and got', () => {
  const v = matchCalls(golden, [{ name: 'ModifyRegistration', parameters: { ...golden[0]!.parameters, new_appointment_date: '2023-03-27' } }], 'exact');
  assert.equal(v.error_type, 'match:value_error');
  assert.equal(v.explanation, 'ModifyRegistration: parameter "new_appointment_date" expected "2023-03-26" but got "2023-03-27"');
});

test('a missing call, a missing and an unexpected parameter are told apart', () => {
  assert.equal(matchCalls(golden, [], 'soft').explanation, 'expected a call to ModifyRegistration, got no call');
  const { appointment_id: _dropped, ...rest } = golden[0]!.parameters;
  assert.equal(matchCalls(golden, [{ name: 'ModifyRegistration', parameters: rest }], 'exact').error_type, 'match:missing_param');
  const extra = matchCalls(golden, [{ name: 'ModifyRegistration', parameters: { ...golden[0]!.parameters, note: 'x' } }], 'exact');
  assert.equal(extra.error_type, 'match:unexpected_param');
});

test('no golden call means no call is right', () => {
  assert.equal(matchCalls([], [], 'exact').correct, true);
  assert.equal(matchCalls([], golden, 'soft').error_type, 'match:unexpected_call');
});

test('parameters named like Object.prototype members are ordinary parameters', () => {
  const call = (parameters: string) => [{ name: 'f', parameters: JSON.parse(parameters) as Record<string, string> }];
  assert.deepEqual(matchCalls(call('{"constructor": "x"}'), call('{}'), 'exact'), {
    correct: false,
    error_type: 'match:missing_param',
    explanation: 'f: parameter "constructor" is missing (expected "x")',
  });
  assert.deepEqual(matchCalls(call('{"a": 1}'), call('{"a": 1, "__proto__": {"a": 1}}'), 'exact'), {
    correct: false,
    error_type: 'match:unexpected_param',
    explanation: 'f: unexpected parameter "__proto__"',
  });
  assert.deepEqual(matchCalls(call('{"__proto__": "Y", "toString": "z"}'), call('{"toString": "Z", "__proto__": "y"}'), 'exact'), { correct: true });
});
