import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropOmitted, toGrammarSchema } from './grammarSchema.js';

const bfclTool = {
  type: 'dict',
  properties: {
    city: { type: 'string', description: 'The city.' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer' },
    ratio: { type: 'float' },
    point: { type: 'tuple', items: { type: 'float' } },
    extra: { type: 'dict' },
    anything: { type: 'any' },
    odd: { type: 'Set' },
    filter: { type: 'dict', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string' } }, required: ['from'] },
  },
  required: ['city', 'filter'],
};

test('BFCL types become the JSON Schema the grammar reads; optional parameters also admit null', () => {
  assert.deepEqual(toGrammarSchema(bfclTool), {
    type: 'object',
    properties: {
      city: { description: 'The city.', type: 'string' },
      unit: { enum: ['celsius', 'fahrenheit', null] },
      days: { type: ['integer', 'null'] },
      ratio: { type: ['number', 'null'] },
      point: { oneOf: [{ type: 'array', items: { type: 'number' } }, { type: 'null' }] },
      extra: { oneOf: [{ type: 'object', properties: {}, additionalProperties: true }, { type: 'null' }] },
      anything: { type: ['string', 'null'] },
      odd: { type: ['string', 'null'] },
      filter: {
        type: 'object',
        properties: { from: { type: 'string', format: 'date' }, to: { type: ['string', 'null'] } },
        required: ['from'],
      },
    },
    required: ['city', 'filter'],
  });
});

test('a type list with an object in it becomes a choice of schemas', () => {
  const schema = toGrammarSchema({ type: 'object', properties: { v: { type: ['string', 'dict'] } }, required: ['v'] });
  assert.deepEqual(schema, {
    type: 'object',
    properties: { v: { oneOf: [{ type: 'string' }, { type: 'object', properties: {}, additionalProperties: true }] } },
    required: ['v'],
  });
});

test('a tool without parameters takes an empty object', () => {
  assert.deepEqual(toGrammarSchema({}), { type: 'object', properties: {} });
  assert.deepEqual(toGrammarSchema({ type: 'dict', properties: {} }), { type: 'object', properties: {} });
});

test('the nulls written for optional parameters are dropped, at every depth', () => {
  const args = { city: 'Paris', unit: null, days: 3, filter: { from: '2024-01-01', to: null }, extra: null };
  assert.deepEqual(dropOmitted(bfclTool, args), { city: 'Paris', days: 3, filter: { from: '2024-01-01' } });
});

test('a null for a required parameter, or for one the schema does not know, stays', () => {
  const schema = { type: 'dict', properties: { a: { type: 'string' } }, required: ['a'] };
  assert.deepEqual(dropOmitted(schema, { a: null, b: null }), { a: null, b: null });
});
