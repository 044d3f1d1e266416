import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { safeCsvCell, safeJson, safeLines, safeText } from './safeText.js';
import { fuzz } from '../../test/support/fuzz.js';

const SEED = fuzz(500);
/** Any UTF-16 text, lone surrogates included, with the characters that matter made common. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\x1b', '\x07', '\x9b', '\x7f', '\n', '\r', '\t', '\u202e', '\u2066', '=', '-', 'a', '\\', 'é') }),
);
const CONTROL_OR_BIDI = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

test('control characters and bidi controls become visible escapes', () => {
  assert.equal(safeText('\x1b]0;pwned\x07title'), '\\x1b]0;pwned\\x07title');
  assert.equal(safeText('a\nb\r\tc\x00\x7f\x9b'), 'a\\x0ab\\x0d\\x09c\\x00\\x7f\\x9b');
  assert.equal(safeText('abc\u202Edcb\u2066x\u2069'), 'abc\\u202edcb\\u2066x\\u2069');
  assert.equal(safeText('C:\\runs\\naïve – ok ✓'), 'C:\\runs\\naïve – ok ✓', 'ordinary text, backslashes included, is left alone');
});

test('several lines: each escaped, the line breaks kept', () => {
  assert.equal(safeLines('preflight failed:\n  model "\x1b[2J" is not there\r'), 'preflight failed:\n  model "\\x1b[2J" is not there\\x0d');
});

test('property: escaped text holds no control character, and its UTF-8 no control byte', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const out = safeText(text);
      assert.doesNotMatch(out, CONTROL_OR_BIDI);
      for (const byte of Buffer.from(out, 'utf8')) assert.ok(byte >= 0x20 && byte !== 0x7f, `byte 0x${byte.toString(16)}`);
    }),
    SEED,
  );
});

test('property: text without control characters is left as it is', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !CONTROL_OR_BIDI.test(s)), (text) => assert.equal(safeText(text), text)),
    SEED,
  );
});

test('CSV cells: formulas from data are quoted, our numbers stay numbers', () => {
  assert.equal(safeCsvCell('=HYPERLINK("http://x","y")'), `'=HYPERLINK("http://x","y")`);
  assert.equal(safeCsvCell('+1'), "'+1");
  assert.equal(safeCsvCell('-2+3'), "'-2+3");
  assert.equal(safeCsvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(safeCsvCell('\t=1'), "'\\x09=1");
  assert.equal(safeCsvCell('\r=1'), "'\\x0d=1");
  assert.equal(safeCsvCell('model-7b'), 'model-7b');
  assert.equal(safeCsvCell(-0.125), -0.125);
});

test('property: a CSV string cell never starts a formula and holds no control character', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const out = safeCsvCell(text) as string;
      assert.doesNotMatch(out, /^[=+\-@\t\r]/);
      assert.doesNotMatch(out, CONTROL_OR_BIDI);
    }),
    SEED,
  );
});

test('property: safe JSON parses back to the same value and holds no control character', () => {
  fc.assert(
    fc.property(fc.dictionary(hostileText, fc.oneof(hostileText, fc.integer())), (value) => {
      for (const text of [safeJson(value), safeJson(value, 2)]) {
        assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, 'only the line breaks of the indentation');
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }
    }),
    SEED,
  );
});
