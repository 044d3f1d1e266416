import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSetting, SETTING_KEYS, SETTINGS } from './settingsSchema.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
const contributed = manifest.contributes.configuration.properties;

test('the settings table and the manifest name the same settings with the same defaults', () => {
  assert.deepEqual(SETTING_KEYS.map((k) => `robustlens.${k}`).sort(), Object.keys(contributed).sort());
  for (const key of SETTING_KEYS) assert.deepEqual(SETTINGS[key].default, contributed[`robustlens.${key}`]!.default, key);
});

test('a valid value is used as written', () => {
  assert.deepEqual(readSetting('endpoints', [{ name: 'local', url: 'http://127.0.0.1:8080', api: 'openai' }]), { value: [{ name: 'local', url: 'http://127.0.0.1:8080', api: 'openai' }] });
  assert.deepEqual(readSetting('toolMode', 'prompt'), { value: 'prompt' });
  assert.deepEqual(readSetting('timeoutMs', undefined), { value: 60_000 });
});

test('an invalid value falls back to the default and says which setting and why', () => {
  const bad = readSetting('endpoints', [{ name: 'local', url: 'not a url', api: 'openai' }]);
  assert.deepEqual(bad.value, []);
  assert.match(bad.problem ?? '', /^robustlens\.endpoints is not valid \(0\.url: .+\); using \[\]$/);
  assert.equal(readSetting('timeoutMs', 10).value, 60_000);
  assert.match(readSetting('toolMode', 'json').problem ?? '', /robustlens\.toolMode/);
  assert.equal(readSetting('temperature', -1).value, 0);
});
