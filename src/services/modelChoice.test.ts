import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelChoiceId, parseModelChoice, unavailableEndpointId } from './modelChoice.js';

test('model choice ids read back as written, model names with colons included', () => {
  for (const choice of [
    { kind: 'endpoint', index: 0, model: 'qwen2.5:7b-instruct' },
    { kind: 'endpoint', index: 12, model: 'hf.co/org/model:Q4_K_M' },
    { kind: 'gguf', path: '/models/tiny: test.gguf' },
  ] as const) {
    assert.deepEqual(parseModelChoice(modelChoiceId(choice)), choice);
  }
  assert.equal(modelChoiceId({ kind: 'endpoint', index: 1, model: 'llama3' }), 'endpoint:1:llama3');
});

test('an id that names no model, such as an endpoint that did not answer, is refused with a message', () => {
  for (const bad of ['', 'endpoint:x:m', 'endpoint:0:', 'gguf:', 'ollama:llama3', unavailableEndpointId(3)]) {
    assert.throws(() => parseModelChoice(bad), /names no model/, bad);
  }
});
