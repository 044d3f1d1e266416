import { basename, extname } from 'node:path';
import { Option, type Command } from 'commander';
import { formatProblem, type Problem } from '../core/formats/index.js';
import packageJson from '../../package.json';
import { createBackend, type Backend, type ChatBackend, preflight, type ToolMode } from '../core/model/index.js';
import { FAULT_STYLES, FAULT_TYPES, type FaultStyle, type FaultType, isFaultType } from '../core/perturb/index.js';
import { PROTOCOL_NAMES, protocolFrom, protocolLabel, type ProtocolName, type ProtocolSettings, readCaseSet, requestSettings, runCases, type RunSummary } from '../core/run/index.js';
import type { EvalRow, RunProtocol } from '../core/schema/index.js';
import { scoreRecord } from '../core/score/index.js';
import { UsageError } from './errors.js';
import { EXIT, exitCodeOf } from './exitCodes.js';
import { exists, integerOption } from './options.js';
import { progressSink } from './progress.js';
import { errorMessage, withPath } from '../common/errorMessage.js';
import { safeJson, safeText } from '../common/safeText.js';

export interface RunCommandOptions {
  endpoint: string[];
  gguf?: string;
  model?: string;
  api: 'openai' | 'ollama';
  protocol: ProtocolName;
  /** Each of these, when given, overrides the protocol's setting; the record says so. */
  toolMode?: ToolMode;
  promptStyle?: string;
  faults?: FaultStyle;
  multiTurn?: 'skip' | 'run';
  maxTokens?: string;
  temperature?: string;
  transition: string;
  concurrency: string;
  timeoutMs: string;
  threads?: string;
  runId?: string;
  out: string;
  json?: boolean;
}

export interface RunOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress is one line redrawn in place. */
  terminal: boolean;
}

export interface RunReport extends RunSummary {
  out: string;
  model: string;
  run: string;
  protocol: RunProtocol;
  problems: Problem[];
}

/** `all`, `none`, or a comma list of fault types. */
export function parseTransitions(selector: string): FaultType[] {
  const parts = selector.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'all') return [...FAULT_TYPES];
  if (parts.length === 1 && parts[0] === 'none') return [];
  for (const part of parts) {
    if (!isFaultType(part)) throw new UsageError(`--transition: unknown fault type "${part}"; use all, none or some of ${FAULT_TYPES.join(', ')}`);
  }
  if (parts.length === 0) throw new UsageError('--transition selects nothing; use all, none or fault types');
  return FAULT_TYPES.filter((type) => parts.includes(type));
}

function temperature(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 2) throw new UsageError(`--temperature must be a number from 0 to 2, got "${text}"`);
  return value;
}

/** One backend per --endpoint (replicas of one model), or the --gguf file run in-process. */
function backends(options: RunCommandOptions, concurrency: number, timeoutMs: number): Backend[] {
  if (options.gguf) {
    const threads = options.threads === undefined ? undefined : integerOption('--threads', options.threads);
    return [createBackend({ kind: 'gguf', path: options.gguf, parallel: concurrency, ...(threads ? { threads } : {}) }, { timeoutMs })];
  }
  return options.endpoint.map((url) => {
    try {
      return createBackend({ kind: 'server', api: options.api, url }, { timeoutMs });
    } catch (err) {
      throw new UsageError(`--endpoint ${url}: ${errorMessage(err)}`);
    }
  });
}

/** The protocol preset with the settings given on the command line. */
export function runProtocolOf(options: RunCommandOptions): RunProtocol {
  const changes: Partial<ProtocolSettings> = {
    ...(options.toolMode ? { tool_mode: options.toolMode } : {}),
    ...(options.promptStyle ? { prompt_style: options.promptStyle } : {}),
    ...(options.faults ? { fault_style: options.faults } : {}),
    ...(options.multiTurn ? { skip_multi_turn: options.multiTurn === 'skip' } : {}),
    ...(options.maxTokens !== undefined ? { max_tokens: integerOption('--max-tokens', options.maxTokens) } : {}),
    ...(options.temperature !== undefined ? { temperature: temperature(options.temperature) } : {}),
  };
  if (changes.prompt_style && (changes.tool_mode ?? protocolFrom(options.protocol).tool_mode) === 'native') throw new UsageError('--prompt-style applies to prompt mode; add --tool-mode prompt');
  return protocolFrom(options.protocol, changes);
}

/** Every endpoint must answer and serve the model; warnings are printed, errors end the command. */
async function checkEndpoints(endpoints: readonly ChatBackend[], model: string, first: EvalRow, protocol: RunProtocol, output: RunOutput): Promise<void> {
  for (const endpoint of endpoints) {
    const report = await preflight(endpoint, { ...requestSettings(protocol, first), model, messages: first.conversation, tools: first.tools });
    for (const check of report.checks) if (check.level === 'warning') output.stderr(`warning: ${safeText(check.message)}`);
    const errors = report.checks.filter((c) => c.level === 'error');
    if (errors.length > 0) throw new Error(`preflight failed, nothing was run:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
}

/** Cases were run and not one request got an answer: nothing was measured. */
function everyRequestFailed(report: RunReport): boolean {
  return report.done > 0 && report.failed === report.done;
}

/**
 * The exit code of a run: interrupted; a failure when every request failed or lines of the
 * cases could not be read; else ok. Problems with the output file are not counted: resuming
 * repairs them (a torn last line runs again).
 */
export function runExitCode(report: RunReport): number {
  if (report.cancelled) return EXIT.interrupted;
  if (everyRequestFailed(report)) return EXIT.failure;
  return exitCodeOf(report.problems.filter((p) => p.file !== report.out));
}

function summary(report: RunReport): string {
  // The model's name comes from the server, the error texts from its answers.
  const lines = [
    safeText(`${report.out}: ${report.done} case(s) run, ${report.failed} failed, ${report.skipped} already there (model ${report.model}, run ${report.run})`),
    `Protocol: ${protocolLabel(report.protocol)}${report.skippedMultiTurn > 0 ? `; ${report.skippedMultiTurn} multi-turn case(s) left out, as the official runner does (--multi-turn run to include them)` : ''}`,
  ];
  if (everyRequestFailed(report)) lines.push(`every request failed: ${safeText(report.firstError ?? 'no error was recorded')}`);
  else if (report.failed > 0) lines.push('Failed requests are recorded with their error in prediction.error; the run went on.');
  if (report.cancelled) lines.push(`Cancelled: ${report.total - report.done} case(s) not run. Run the same command again to do them; the cases written are kept.`);
  else lines.push(`Per-split accuracy (every record is scored as it is written): robustlens score ${report.out}`);
  return lines.join('\n');
}

/** The `run` command without commander: validates, checks the model, runs, reports. */
export async function runRun(input: string, options: RunCommandOptions, output: RunOutput, signal?: AbortSignal): Promise<RunReport> {
  if (Boolean(options.gguf) === options.endpoint.length > 0) throw new UsageError('give either --endpoint URL (repeatable) or --gguf FILE');
  if (!options.gguf && !options.model) throw new UsageError('--model NAME is required with --endpoint');
  if (options.gguf && !(await exists(options.gguf))) throw new UsageError(`--gguf ${options.gguf}: no such file`);
  if (!(await exists(input))) throw new UsageError(`${input}: no such file or folder`);
  const concurrency = integerOption('--concurrency', options.concurrency);
  const timeoutMs = integerOption('--timeout-ms', options.timeoutMs);
  const transitions = parseTransitions(options.transition);
  const protocol = runProtocolOf(options);
  const problems: Problem[] = [];
  const onProblem = (p: Problem) => {
    problems.push(p);
    output.stderr(formatProblem(p));
  };

  const cases = await readCaseSet(input, { transitions }, onProblem);
  if (cases.length === 0) throw new UsageError(`${input}: no cases to run`);
  const endpoints = backends(options, concurrency, timeoutMs);
  try {
    const model = options.model ?? (await endpoints[0]!.listModels())[0]!;
    await checkEndpoints(endpoints, model, cases[0]!, protocol, output);
    await Promise.all(endpoints.map((e) => e.load()));
    const progress = progressSink(output.stderr, output.terminal);
    const run = options.runId ?? basename(options.out, extname(options.out));
    const result = await runCases(cases, {
      endpoints,
      model,
      protocol,
      out: options.out,
      runId: run,
      concurrency,
      score: scoreRecord,
      manifest: { input, toolVersion: packageJson.version, transitions },
      ...(signal ? { signal } : {}),
      onProgress: (p) => progress.update(p),
      onProblem,
    }).catch((err: unknown) => {
      // What the runner throws is about the output file (reading it to resume, appending).
      throw withPath(err, options.out);
    });
    progress.finish();
    const report: RunReport = { ...result, out: options.out, model, run, protocol, problems };
    output.stdout(options.json ? safeJson(report, 2) : summary(report));
    return report;
  } finally {
    await Promise.all(endpoints.map((e) => e.close()));
  }
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run cases against a model and append one prediction per case to a JSON Lines file (and <out>.manifest.json); a rerun with the same --out resumes.')
    .argument('<cases>', 'a `robustlens perturb` output folder (clean.jsonl + <type>.jsonl) or one eval-row .jsonl file')
    .option('--endpoint <url>', 'model server (repeat it to spread requests round-robin over replicas of one model)', (url: string, all: string[]) => [...all, url], [] as string[])
    .option('--gguf <file>', 'run a .gguf model in-process (llama.cpp through node-llama-cpp) instead of a server')
    .option('--model <name>', 'model name on the server (with --gguf: defaults to the name in the file)')
    .addOption(new Option('--api <dialect>', 'the server API').choices(['openai', 'ollama']).default('openai'))
    .addOption(new Option('--protocol <name>', 'paper: as the official RobustBench-TC runner (tools in the prompt, temperature 0.001, max_tokens 1024, multi-turn rows skipped, terse faults); native: the server\'s function calling, temperature 0, realistic faults, every row').choices([...PROTOCOL_NAMES]).default('paper'))
    .addOption(new Option('--tool-mode <mode>', 'override: native (tools field and tool_calls) or prompt (tools in the system prompt, calls parsed from text)').choices(['native', 'prompt']))
    .addOption(new Option('--prompt-style <style>', 'override, prompt mode: per_benchmark (BFCL\'s [f(a=1)] prompt on BFCL rows, <tool_call> JSON elsewhere), python_list or tool_call_tags').choices(['per_benchmark', 'python_list', 'tool_call_tags']))
    .addOption(new Option('--faults <style>', 'override: how transition faults read (terse one-line errors, or realistic HTTP answers)').choices([...FAULT_STYLES]))
    .addOption(new Option('--multi-turn <what>', 'override: skip or run multi-turn rows').choices(['skip', 'run']))
    .option('--transition <types>', `transition faults to inject in two passes: all, none, or some of ${FAULT_TYPES.join(',')}`, 'all')
    .option('--concurrency <n>', 'requests at once (with --gguf: context sequences)', '1')
    .option('--timeout-ms <n>', 'limit for one request', '120000')
    .option('--max-tokens <n>', 'override: limit on the tokens of one answer (both protocols: 1024)')
    .option('--temperature <t>', 'override: sampling temperature (paper: 0.001, native: 0)')
    .option('--threads <n>', 'with --gguf: CPU threads (default: every core)')
    .option('--run-id <id>', 'run id written into every record (default: the --out file name)')
    .requiredOption('--out <file>', 'predictions file (JSON Lines); cases already in it are not run again')
    .option('--json', 'print the summary as JSON')
    .action(async (input: string, options: RunCommandOptions) => {
      const controller = new AbortController();
      // The first Ctrl-C stops cleanly (what is written stays, the rest resumes later); a second one exits now.
      const stop = () => {
        if (controller.signal.aborted) process.exit(EXIT.interrupted);
        process.stderr.write('\nstopping: waiting for the requests under way to be cancelled (Ctrl-C again to quit now)\n');
        controller.abort();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        const report = await runRun(input, options, {
          stdout: (text) => process.stdout.write(`${text}\n`),
          stderr: (text) => process.stderr.write(text.startsWith('\r') ? text : text.endsWith('\n') ? text : `${text}\n`),
          terminal: process.stderr.isTTY === true,
        }, controller.signal);
        process.exitCode = runExitCode(report);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
