import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameParts } from './nameBreaks';

test('names break after _ . - / : and between camelCase words, never inside a word', () => {
  const cases: Record<string, string[]> = {
    acceleration: ['acceleration'],
    initial_velocity: ['initial_', 'velocity'],
    'math.factorial': ['math.', 'factorial'],
    ProteinRichMealPlanner_generateList: ['Protein', 'Rich', 'Meal', 'Planner_', 'generate', 'List'],
    HTTPServer_v2: ['HTTP', 'Server_', 'v2'],
    'get-weather/now': ['get-', 'weather/', 'now'],
    'simple_function_checker:missing_required': ['simple_', 'function_', 'checker:', 'missing_', 'required'],
    __private__: ['_', '_', 'private_', '_'],
    '': [''],
  };
  for (const [name, parts] of Object.entries(cases)) {
    assert.deepEqual(nameParts(name), parts, name);
    assert.equal(nameParts(name).join(''), name);
  }
});
