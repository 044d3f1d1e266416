import type { CallColumn, CaseView, InspectorModel } from '../../protocol.js';
import { isFaultType, isPerturbationId, perturbationSpec } from '../perturb/index.js';
import { type BfclExpectedCall, bfclQuestion, bfclScoreEntry, evalRow, type EvalRow, predictionRecord, type PredictionRecord, type Score, type ToolCall, type ToolSpec } from '../schema/index.js';
import { scoreBfclEntry, scoreRecord, UnscorableError } from '../score/index.js';
import { type BfclQuestionText, entryKey, type IndexEntry, type ResultIndex } from '../index/index.js';
import { parseBfclFileName, readRecordAt } from '../formats/index.js';
import { protocolLabel, secondPass, UNRECORDED_PROTOCOL } from '../run/index.js';
import { compareCalls, plainCallViews, type GoldenForm } from './callDiff.js';
import { stableJson } from './stableJson.js';
import { suggestCategory } from '../tags/index.js';

export function goldenForm(row: EvalRow): GoldenForm {
  return row.eval_config.method === 'bfcl_ast' ? 'bfcl' : 'plain';
}

function scoreOf(record: PredictionRecord): Score | undefined {
  if (record.score) return record.score;
  try {
    return scoreRecord(record, record.prediction);
  } catch (err) {
    if (err instanceof UnscorableError) return undefined;
    throw err;
  }
}

export function predictionColumn(label: string, record: PredictionRecord, golden: ToolCall[], form: GoldenForm): CallColumn {
  const score = scoreOf(record);
  const p = record.prediction;
  const note = p.error ? `request failed: ${p.error}` : p.parse_errors?.length ? `could not decode: ${p.parse_errors.join('; ')}` : undefined;
  return {
    label,
    calls: compareCalls(golden, p.tool_calls, form).predicted,
    raw: p.raw_output ?? '',
    ...(score ? { verdict: { correct: score.correct, ...(score.error_type ? { errorType: score.error_type } : {}), ...(score.explanation ? { explanation: score.explanation } : {}) } } : {}),
    ...(note ? { note } : {}),
  };
}

/** The case as a model sees it: its conversation and its tool list. */
export function caseText(conversation: unknown, tools: ToolSpec[]): string {
  return stableJson({ conversation, tools });
}

type ModelBody = Omit<InspectorModel, 'key' | 'flippedFromClean' | 'flippedBetweenRuns' | 'quickRunType'>;

/** The view-model fields that come straight from the index entry. */
function entryFields(entry: IndexEntry): Pick<ModelBody, 'id' | 'run' | 'model' | 'split' | 'component' | 'verdict' | 'source'> {
  return {
    id: entry.id,
    run: entry.run,
    model: entry.model,
    split: entry.split,
    ...(entry.component ? { component: entry.component } : {}),
    verdict: entry.verdict,
    source: { file: entry.record.file, line: entry.record.line },
  };
}

async function rowModel(index: ResultIndex, entry: IndexEntry): Promise<ModelBody> {
  const raw = await readRecordAt(entry.record);
  const isPrediction = entry.kind === 'predictions';
  const row: EvalRow | PredictionRecord = isPrediction ? predictionRecord.parse(raw) : evalRow.parse(raw);
  const cleanEntry = index.cleanOf(entry);
  const clean = cleanEntry ? (isPrediction ? predictionRecord : evalRow).parse(await readRecordAt(cleanEntry.record)) : undefined;
  const golden = row.golden_answers;
  const form = goldenForm(row);
  const columns: CallColumn[] = [{ label: 'Golden', calls: compareCalls(golden, [], form).golden.map((c) => ({ ...c, status: 'unchecked' })) }];
  let modifiedText = caseText(row.conversation, row.tools);
  let modifiedLabel = entry.split === 'clean' ? 'clean' : `${entry.split} (perturbed)`;
  if (isPrediction) {
    const record = row as PredictionRecord;
    const label = entry.split === 'clean' ? `Clean · ${entry.model}` : `${record.prediction.pass1 ? 'Pass 2' : entry.split} · ${entry.model}`;
    columns[0] = { label: 'Golden', calls: compareCalls(golden, record.prediction.tool_calls, form).golden, judgedAgainst: label };
    if (clean) columns.push(predictionColumn(`Clean · ${entry.model}`, clean as PredictionRecord, golden, form));
    if (record.prediction.pass1) {
      columns.push({ label: 'Pass 1 (received the fault)', calls: compareCalls(golden, record.prediction.pass1.tool_calls, form).predicted, raw: record.prediction.pass1.raw_output ?? '' });
    }
    if (isFaultType(entry.split)) {
      const second = secondPass(row, record.prediction.pass1?.tool_calls ?? [], entry.split, record.protocol ?? UNRECORDED_PROTOCOL);
      if (second.ok) {
        modifiedText = caseText(second.conversation, row.tools);
        modifiedLabel = `${entry.split}: pass 2 with the injected fault`;
      }
    }
    columns.push(predictionColumn(label, record, golden, form));
    for (const other of index.sameCaseInOtherRuns(entry).filter((o) => o.kind === 'predictions')) {
      const otherRecord = predictionRecord.parse(await readRecordAt(other.record));
      columns.push(predictionColumn(`${other.run} · ${other.model}`, otherRecord, golden, form));
    }
  }
  const spec = isPerturbationId(entry.split) ? perturbationSpec(entry.split) : undefined;
  const record = isPrediction ? (row as PredictionRecord) : undefined;
  const suggestion =
    record && entry.verdict === 'fail'
      ? suggestCategory({
          split: entry.split,
          ...(entry.errorType ? { errorType: entry.errorType } : {}),
          ...(row.perturbation ? { perturbation: row.perturbation.metadata ?? {} } : {}),
          calls: record.prediction.tool_calls,
          rawOutput: record.prediction.raw_output ?? '',
          toolNames: row.tools.map((t) => t.name),
          ...(record.prediction.pass1 ? { pass1Calls: record.prediction.pass1.tool_calls } : {}),
        })
      : undefined;
  return {
    ...(suggestion ? { suggestion } : {}),
    ...entryFields(entry),
    ...(record?.protocol ? { protocol: protocolLabel(record.protocol) } : {}),
    ...(row.perturbation && spec
      ? { perturbation: { type: spec.id, description: spec.description, correctBehaviour: spec.correctBehaviour, metadata: stableJson(row.perturbation.metadata ?? {}) } }
      : {}),
    ...(clean
      ? { diff: { title: 'Clean vs perturbed case: conversation and tools', original: { label: 'clean', text: caseText(clean.conversation, clean.tools) }, modified: { label: modifiedLabel, text: modifiedText } } }
      : { case: { title: entry.split === 'clean' ? 'The case: conversation and tools' : `${modifiedLabel}: conversation and tools (this run has no clean twin to compare with)`, text: modifiedText } }),
    columns,
  };
}

interface BfclPrompt {
  functions: ToolSpec[];
  question: unknown;
}

interface BfclSide {
  entry: IndexEntry;
  result: unknown;
  prompt?: BfclPrompt;
  answer?: ToolCall[];
  error?: string;
}

/** BFCL's expected calls (`{name: {param: [allowed…]}}`, one object per call) as golden calls. */
function expectedCalls(calls: BfclExpectedCall[]): ToolCall[] {
  return calls.flatMap((call) => Object.entries(call).map(([name, parameters]) => ({ name, parameters: parameters as ToolCall['parameters'] })));
}

/**
 * A BFCL result line, with BFCL's own failure line (prompt, answer, error) when it failed; else
 * the question and the answer from BFCL's data files, where they are found.
 */
async function bfclSide(entry: IndexEntry, questions: BfclQuestionText | undefined): Promise<BfclSide> {
  const line = (await readRecordAt(entry.record)) as { result?: unknown };
  const side: BfclSide = { entry, result: line.result };
  if (entry.scoreRecord) {
    const failure = bfclScoreEntry.parse(await readRecordAt(entry.scoreRecord));
    const prompt = bfclQuestion.safeParse(failure.prompt);
    if (prompt.success) side.prompt = { functions: prompt.data.function, question: prompt.data.question };
    if (Array.isArray(failure.possible_answer)) side.answer = expectedCalls(failure.possible_answer as BfclExpectedCall[]);
    side.error = Array.isArray(failure.error) ? failure.error.map(String).join(' ') : JSON.stringify(failure.error);
  }
  const file = parseBfclFileName(entry.record.file);
  if (questions && file && (!side.prompt || !side.answer)) {
    const { question, answer } = await questions.sample(entry.source, file, entry.id);
    if (question && !side.prompt) side.prompt = { functions: question.function, question: question.question };
    if (answer && !side.answer) side.answer = expectedCalls(answer.ground_truth);
  }
  return side;
}

const BFCL_CASE_TITLE = 'The question and its tools';

function bfclCase(entry: IndexEntry, prompt: BfclPrompt | undefined): CaseView {
  if (prompt) return { title: BFCL_CASE_TITLE, text: caseText(prompt.question, prompt.functions) };
  const file = parseBfclFileName(entry.record.file);
  const name = file ? `BFCL_${file.version}_${file.category}.json` : `BFCL's question file of ${entry.split}`;
  return { title: BFCL_CASE_TITLE, missing: `BFCL's result files hold no prompt, and ${name} was not found near the run or in the folders of robustlens.bfclDataFolders.` };
}

function bfclCalls(side: BfclSide): ToolCall[] {
  const verdict = scoreBfclEntry({ category: side.entry.split, functions: side.prompt?.functions ?? [], result: side.result, groundTruth: [] });
  return (verdict.decoded ?? []).flatMap((call) => Object.entries(call).map(([name, parameters]) => ({ name, parameters: parameters as ToolCall['parameters'] })));
}

function bfclColumn(side: BfclSide, golden: ToolCall[] | undefined): CallColumn {
  const calls = bfclCalls(side);
  const e = side.entry;
  return {
    label: `${e.run} · ${e.model}`,
    calls: golden ? compareCalls(golden, calls, 'bfcl').predicted : plainCallViews(calls),
    raw: typeof side.result === 'string' ? side.result : stableJson(side.result),
    ...(e.verdict !== 'unscored' ? { verdict: { correct: e.verdict === 'pass', ...(e.errorType ? { errorType: e.errorType } : {}), ...(side.error ? { explanation: side.error } : {}) } } : {}),
  };
}

async function bfclModel(index: ResultIndex, entry: IndexEntry, questions: BfclQuestionText | undefined): Promise<ModelBody> {
  const side = (e: IndexEntry) => bfclSide(e, questions);
  const sides = [await side(entry), ...(await Promise.all(index.sameCaseInOtherRuns(entry).filter((o) => o.kind === 'bfcl-run').map(side)))];
  const withPrompt = sides.find((s) => s.prompt);
  const golden = sides.find((s) => s.answer)?.answer;
  for (const s of sides) s.prompt ??= withPrompt?.prompt;
  const columns: CallColumn[] = [];
  if (golden) columns.push({ label: 'Possible answer (BFCL)', calls: compareCalls(golden, [], 'bfcl').golden.map((c) => ({ ...c, status: 'unchecked' })) });
  columns.push(...sides.map((s) => bfclColumn(s, golden)));
  const output = (s: BfclSide) => stableJson(bfclCalls(s));
  const [mine, other] = sides;
  const diff = other
    ? { title: `Model output: ${mine!.entry.run} vs ${other.entry.run}`, original: { label: mine!.entry.run, text: output(mine!) }, modified: { label: other.entry.run, text: output(other) } }
    : golden && { title: 'Possible answer vs model output', original: { label: 'possible answer', text: stableJson(golden) }, modified: { label: `${entry.run} output`, text: output(mine!) } };
  const suggestion = entry.verdict === 'fail' && entry.errorType ? suggestCategory({ split: entry.split, errorType: entry.errorType, calls: bfclCalls(mine!), toolNames: mine!.prompt?.functions.map((f) => f.name) ?? [] }) : undefined;
  return { ...(suggestion ? { suggestion } : {}), ...entryFields(entry), case: bfclCase(entry, withPrompt?.prompt), ...(diff ? { diff } : {}), columns };
}

/** The type a quick-run of this entry starts on: the entry's own perturbation; a clean or BFCL sample runs clean. */
export function quickRunTypeOf(entry: Pick<IndexEntry, 'split'>): string {
  return isPerturbationId(entry.split) ? entry.split : 'clean';
}

/**
 * Everything the inspector shows for one entry, read from the files the index points into;
 * `questions` finds BFCL's question files, whose prompts BFCL's result files do not hold.
 */
export async function buildInspectorModel(index: ResultIndex, entry: IndexEntry, questions?: BfclQuestionText): Promise<InspectorModel> {
  const body = entry.kind === 'bfcl-run' ? await bfclModel(index, entry, questions) : await rowModel(index, entry);
  return { ...body, key: entryKey(entry), flippedFromClean: index.isFlippedFromClean(entry), flippedBetweenRuns: index.isFlippedBetweenRuns(entry), quickRunType: quickRunTypeOf(entry) };
}

/**
 * The recorded result of the same sample under `type` in the entry's run, as a column to stand
 * beside a quick-run of that type; undefined when the run did not record that type. A BFCL
 * category's result is its clean case.
 */
export async function recordedColumn(index: ResultIndex, entry: IndexEntry, type: string, golden: ToolCall[], form: GoldenForm, questions?: BfclQuestionText): Promise<CallColumn | undefined> {
  if (entry.kind === 'bfcl-run') return type === 'clean' ? { ...bfclColumn(await bfclSide(entry, questions), golden), label: `Recorded · clean (BFCL ${entry.split}) · ${entry.model}` } : undefined;
  const recorded = type === entry.split ? entry : index.get(entryKey({ ...entry, split: type }));
  if (recorded?.kind !== 'predictions') return undefined;
  return predictionColumn(`Recorded · ${type} · ${entry.model}`, predictionRecord.parse(await readRecordAt(recorded.record)), golden, form);
}
