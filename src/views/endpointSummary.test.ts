import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointState } from '../services/modelService.js';
import { summarizeEndpoints } from './endpointSummary.js';

const endpoint = (name: string) => ({ name, url: `http://127.0.0.1/${name}`, api: 'openai' as const });

test('each endpoint says whether it answers and with which models; one that does not makes it a warning', () => {
  const up: EndpointState = { endpoint: endpoint('llama'), ok: true, models: ['a', 'b', 'c', 'd', 'e'] };
  const down: EndpointState = { endpoint: endpoint('vllm'), ok: false, reason: 'connection refused' };
  assert.deepEqual(summarizeEndpoints([up], ''), { level: 'info', message: 'RobustLens: llama (http://127.0.0.1/llama) answers: a, b, c and 2 more.' });
  assert.deepEqual(summarizeEndpoints([up, down], ''), {
    level: 'warning',
    message: 'RobustLens: llama (http://127.0.0.1/llama) answers: a, b, c and 2 more; vllm (http://127.0.0.1/vllm) does not answer: connection refused.',
  });
  assert.equal(summarizeEndpoints([{ ...up, models: [] }], '').level, 'warning', 'a server with no model cannot quick-run');
});

test('with no endpoint, the message says what Quick-run uses, or how to set a model', () => {
  assert.deepEqual(summarizeEndpoints([], '/m/tiny.gguf'), { level: 'info', message: 'RobustLens: no endpoint is set in "robustlens.endpoints"; Quick-run uses /m/tiny.gguf in-process.' });
  assert.equal(summarizeEndpoints([], '').level, 'warning');
});
