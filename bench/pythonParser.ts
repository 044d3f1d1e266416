// How long the prompt-mode parsers take on hostile answers. Run: npx tsx bench/pythonParser.ts [sizes…]
// Budget (issue 14): parsing is linear in its input, and the worst answer at the size limits
// (MAX_PYTHON_SOURCE for the Python-call parser, MAX_ANSWER_CHARS for a whole answer) takes at
// most a few tens of milliseconds, so a hostile answer cannot stall the requests in flight.
// First the Python parser with its size limit lifted (the nesting limit kept) on bracket-heavy,
// call-heavy and crafted text of growing size: the time per character must stay flat. Then the
// full decode (`decodePythonCalls`, `parseToolCallText`) at the limits, and refusals above them.
// Each figure is the median of several runs after a warm-up.
import { cpus } from 'node:os';
import { parseToolCallText, MAX_ANSWER_CHARS } from '../src/core/model/toolCallText.js';
import { MAX_PYTHON_NESTING, MAX_PYTHON_SOURCE, parseExpression } from '../src/core/score/python/ast.js';
import { decodePythonCalls } from '../src/core/score/index.js';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000, 1_000_000, 10_000_000];
const LIFTED = { maxChars: Infinity, maxDepth: MAX_PYTHON_NESTING };

/** `unit` repeated between `open` and `close` to about `size` characters. */
function fill(unit: string, size: number, open = '[', close = ']'): string {
  return open + unit.repeat(Math.max(1, Math.floor((size - open.length - close.length) / unit.length))) + close;
}

/** Answers that stress the parsers, by name; each valid unless its name says otherwise. */
const SHAPES: Record<string, (size: number) => string> = {
  'call-heavy': (size) => fill("f(a=1, b='x', c=[2.5, None]),", size),
  'bracket-heavy': (size) => fill('g(a=[[[[[[[[[[1]]]]]]]]]], b=({(): [{}]},)),', size),
  'nested-near-limit': (size) => fill(`h(a=${'['.repeat(MAX_PYTHON_NESTING - 3)}${']'.repeat(MAX_PYTHON_NESTING - 3)}),`, size),
  'string-escapes': (size) => fill('\\x41\\u00e9\\n\\\\', size, "[f(s='", "')]"),
  'dict-keys': (size) => fill("'k': 1, ", size, '[f(d={', "'z': 0})]"),
  'f-strings': (size) => fill("f'{x!r:>{w}}{y}' ", size, '[f(s=', ')]'),
  // Once a TypeError inside the old parser (a 20 KB crafted call); a syntax error now.
  'crafted (invalid)': (size) => fill('+:" "', size, 'f(a=', ')'),
  'unclosed brackets (invalid)': (size) => '['.repeat(size),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of `run` over `rounds` runs after one warm-up; what it threw, if it did. */
function time(run: () => unknown, rounds: number): { ms: number; outcome: string } {
  let outcome = 'ok';
  const once = () => {
    const started = performance.now();
    try {
      run();
    } catch (err) {
      outcome = `${(err as Error).message.slice(0, 60)}`;
    }
    return performance.now() - started;
  };
  once();
  return { ms: median(Array.from({ length: rounds }, once)), outcome };
}

function row(cells: Array<string | number>): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 30 : 12)).join(' ');
}

const cpu = cpus();
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
console.log(`limits: MAX_PYTHON_SOURCE ${MAX_PYTHON_SOURCE}, MAX_PYTHON_NESTING ${MAX_PYTHON_NESTING}, MAX_ANSWER_CHARS ${MAX_ANSWER_CHARS}\n`);

console.log('parseExpression, size limit lifted (ms; µs per 1000 characters in brackets):');
console.log(row(['shape', ...SIZES.map((s) => `${s / 1000} KB`)]));
for (const [name, make] of Object.entries(SHAPES)) {
  const cells = SIZES.map((size) => {
    const text = make(size);
    const { ms } = time(() => parseExpression(text, LIFTED), size >= 1_000_000 ? 1 : 5);
    return `${ms.toFixed(1)} (${((ms * 1e6) / text.length).toFixed(0)})`;
  });
  console.log(row([name, ...cells]));
}

console.log(`\nat the limits: decodePythonCalls of ${MAX_PYTHON_SOURCE} characters, parseToolCallText of the same text (ms):`);
for (const [name, make] of Object.entries(SHAPES)) {
  // Two characters short: the decoder wraps a text that lacks them in `[…]`.
  const text = make(MAX_PYTHON_SOURCE - 2);
  const decoded = time(() => decodePythonCalls(text), 9);
  const answered = time(() => parseToolCallText(text), 9);
  console.log(row([name, decoded.ms.toFixed(1), answered.ms.toFixed(1), decoded.outcome]));
}

console.log('\nrefused above the limits (ms):');
const huge = SHAPES['bracket-heavy']!(10_000_000);
console.log(row(['decodePythonCalls, 10 MB', time(() => decodePythonCalls(huge), 5).ms.toFixed(2)]));
console.log(row(['parseToolCallText, 10 MB', time(() => parseToolCallText(huge), 5).ms.toFixed(2)]));
const answer = `<tool_call>\n${'{"name": "f", "arguments": {"a": [[[1]]]}}\n'.repeat(MAX_ANSWER_CHARS / 43)}</tool_call>`.slice(0, MAX_ANSWER_CHARS);
console.log(row([`<tool_call> lines, ${answer.length} chars`, time(() => parseToolCallText(answer), 5).ms.toFixed(1)]));
