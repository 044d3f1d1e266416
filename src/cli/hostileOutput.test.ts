// The real CLI over test/fixtures/hostile/terminal: ids, model and run names, split names, tool
// names, tags, notes and bad lines full of escape sequences, C1 and bidi controls and spreadsheet
// formulas. Nothing of it may reach the terminal raw, and no CSV cell from the data may be a formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve('src/cli.ts');
const HOSTILE = resolve('test/fixtures/hostile/terminal');
const RUN_A = resolve(HOSTILE, 'run-a.jsonl');
const RUN_B = resolve(HOSTILE, 'run-b.jsonl');
/** Every control character but the line feed our own output ends lines with, and the bidi controls. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** RFC 4180 fields, enough for what csv-stringify writes. */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

/** What every command must do with the hostile corpus: print nothing raw, and exit 1 for its bad lines. */
function assertSafe(result: Result, what: string): string {
  const all = result.stdout + result.stderr;
  assert.ok(!all.includes('\x1b'), `${what}: an ESC byte reached the output`);
  assert.doesNotMatch(all, RAW_CONTROL, `${what}: a control character reached the output`);
  assert.equal(result.code, 1, `${what}: bad input lines make the exit code 1\n${result.stderr}`);
  return result.stdout;
}

/** The human output: the bad first line is a problem on stderr, shown escaped, and the rest is printed. */
function assertSafeText(result: Result, what: string): string {
  assert.match(result.stderr, /run-a\.jsonl:1: error: not valid JSON .*\\x1b\]0;pwned-title\\x07/, `${what}: the bad first line is reported`);
  return assertSafe(result, what);
}

/** Cells from data that a spreadsheet would run: any that starts like a formula and is not one of our numbers. */
function formulaCells(csv: string): string[] {
  return csvCells(csv).flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !Number.isFinite(Number(c)));
}

test('score: results printed escaped, the bad lines reported, exit 1', async () => {
  const out = assertSafeText(await cli('score', RUN_A, '--explain'), 'score');
  assert.match(out, /=1\+1\\x1b\]0;pwned-model\\x07 +CD\\x1b\[2J +3 +1 +33\.33%/, 'the rest was scored');
  assert.match(out, /esc\\x1b\[31m_0 +simple_function_checker:wrong_func_name +call 1 evil\\x1b\[2Jtool/);
  assert.match(out, /bidi_\\u202eevil\\u2066/);
});

test('score --json: JSON that parses back to the names as they are, with nothing raw', async () => {
  const out = assertSafe(await cli('score', RUN_A, '--json'), 'score --json');
  const report = JSON.parse(out) as { results: Array<{ model: string; failed: Array<{ id: string }> }>; problems: Array<{ line: number }> };
  assert.equal(report.results[0]!.model, '=1+1\x1b]0;pwned-model\x07');
  assert.ok(report.results.some((r) => r.failed.some((f) => f.id === 'bidi_\u202eevil\u2066')), 'bidi controls are written as \\u escapes and read back');
  assert.deepEqual(report.problems.map((p) => p.line), [1, 8]);
});

test('tags: counts per model escaped; the file with a bad first line is counted, not skipped', async () => {
  const out = assertSafeText(await cli('tags', HOSTILE, '--by', 'model'), 'tags');
  assert.match(out, /^category +=1\+1\\x1b\]0;pwned-model\\x07 +total$/m);
  assert.match(out, /^\\x1b\[2Jwrong_tool +1 +1$/m);
});

test('tags --export csv: every cell escaped, none a formula', async () => {
  const out = assertSafeText(await cli('tags', HOSTILE, '--export', 'csv'), 'tags --export csv');
  assert.deepEqual(formulaCells(out), []);
  assert.match(out, /,'=1\+1\\x1b\]0;pwned-model\\x07,/);
  assert.match(out, /,'@SUM\(1\+1\)\\x1b\]0;note\\x07,/);
  assert.equal(csvCells(out).length, 3, 'a header and the two tagged samples');
});

test('report --format md: table cells escaped', async () => {
  const out = assertSafeText(await cli('report', HOSTILE, '--format', 'md'), 'report md');
  assert.match(out, /\| =1\+1\\\\x1b\]0;pwned-model\\\\x07 \| term-run-a\\\\x1b\[2J \|/);
  assert.match(out, /\| =cmd\\\|' \/C calc'!A0 \|/);
});

test('report --format csv: data cells escaped and never a formula; our negative numbers stay numbers', async () => {
  const out = assertSafeText(await cli('report', HOSTILE, '--format', 'csv'), 'report csv');
  assert.deepEqual(formulaCells(out), []);
  const models = new Set(csvCells(out).slice(1).map((row) => row[1]));
  assert.deepEqual([...models], ["'=1+1\\x1b]0;pwned-model\\x07"]);
});

test('compare: names and flipped ids escaped', async () => {
  const out = assertSafeText(await cli('compare', RUN_A, RUN_B), 'compare');
  assert.match(out, /^=1\+1\\x1b\]0;pwned-model\\x07 · term-run-a\\x1b\[2J {2}vs {2}=1\+1\\x1b\]0;pwned-model\\x07 · term-run-b\\x9b2J$/m);
  assert.match(out, /CD\\x1b\[2J fail→pass: esc\\x1b\[31m_0/);
});
