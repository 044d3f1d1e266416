import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { HttpError, readJson } from './httpIo.js';

const body = (text: string) => Readable.from([Buffer.from(text)]) as unknown as IncomingMessage;

async function refusal(text: string): Promise<HttpError> {
  try {
    await readJson(body(text), 1 << 20);
  } catch (err) {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the body to be refused');
}

test('a body nested thousands of levels deep is the client’s error (400), not ours (500)', async () => {
  const deep = `{"model": "m", "messages": [{"role": "assistant", "content": null, "tool_calls": ${'['.repeat(50_000)}${']'.repeat(50_000)}}]}`;
  const err = await refusal(deep);
  assert.equal(err.status, 400);
  assert.equal(err.message, 'the request body is nested deeper than 100 levels');
});

test('a body that is not JSON is a 400 that says so; a JSON body reads as its value', async () => {
  const err = await refusal('{"model": ');
  assert.equal(err.status, 400);
  assert.match(err.message, /^the request body is not JSON \(/);
  assert.deepEqual(await readJson(body('{"__proto__": 1, "a": [2]}'), 1 << 20), JSON.parse('{"__proto__": 1, "a": [2]}'));
});
