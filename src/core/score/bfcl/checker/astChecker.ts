import type { ToolSpec } from '../../../schema/index.js';
import type { DecodedCall } from '../decode/calls.js';
import { PyDict, PyError, toJs, type PyValue } from '../../python/values.js';
import { invalid, VALID, type BfclErrorItem, type CheckResult } from './result.js';
import { simpleFunctionChecker, type CheckOptions } from './simpleChecker.js';

function expectedName(entry: PyValue): string {
  const key = entry instanceof PyDict ? entry.entries[0]?.[0] : undefined;
  return typeof key === 'string' ? key : String(toJs(key ?? null));
}

/** `find_description`; BFCL itself fails (on `None[...]`) when the answer names an unknown function. */
function findDescription(functions: ToolSpec[], name: string): ToolSpec {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new PyError('TypeError', `'NoneType' object is not subscriptable (no function named ${name} in the question)`);
  return found;
}

/** `answers[0]`, with Python's error when there is none. */
function first<T>(items: T[]): T {
  if (items.length === 0) throw new PyError('IndexError', 'list index out of range');
  return items[0]!;
}

function callText(call: DecodedCall): PyValue {
  return PyDict.of([[call.name, call.args]]);
}

function names(calls: DecodedCall[]): string {
  return calls.length === 0 ? 'no call' : calls.map((c) => c.name).join(', ');
}

function withCall(result: CheckResult, index: number): CheckResult {
  return result.valid ? result : { ...result, explanation: `call ${index + 1} ${result.explanation ?? ''}`.trimEnd() };
}

function wrongCount(kind: string, expected: number, calls: DecodedCall[]): CheckResult {
  return invalid(`${kind}:wrong_count`, ['Wrong number of functions.'], `expected ${expected} call(s) but got ${calls.length}: ${names(calls)}`);
}

/**
 * BFCL's `parallel_function_checker_no_order`: each expected call, in order, takes the first
 * model call not yet taken that passes the simple check.
 */
function parallelNoOrder(functions: ToolSpec[], calls: DecodedCall[], answers: PyValue[], opts: CheckOptions): CheckResult {
  if (calls.length !== answers.length) return wrongCount('parallel_function_checker_no_order', answers.length, calls);
  const matched = new Set<number>();
  for (let i = 0; i < answers.length; i++) {
    const func = findDescription(functions, expectedName(answers[i]!));
    const errors: BfclErrorItem[] = [];
    const failures: Array<{ index: number; result: CheckResult }> = [];
    let found = false;
    for (let index = 0; index < calls.length; index++) {
      if (matched.has(index)) continue;
      const result = simpleFunctionChecker(func, calls[index]!, answers[i]!, opts);
      if (result.valid) {
        matched.add(index);
        found = true;
        break;
      }
      failures.push({ index, result });
      errors.push({
        [`Model Result Index ${index}`]: {
          sub_error: result.error,
          sub_error_type: result.error_type,
          model_output_item: toJs(callText(calls[index]!)),
          possible_answer_item: toJs(answers[i]!),
        },
      });
    }
    if (!found) {
      const considered = calls.map((_, k) => k).filter((k) => !matched.has(k));
      errors.unshift(`Could not find a matching function among index [${considered.join(', ')}] of model output for index ${i} of possible answers.`);
      // The most telling failure is the one against a call to the right function, if any.
      const closest = failures.find((f) => f.result.error_type !== 'simple_function_checker:wrong_func_name') ?? failures[0];
      const detail = closest ? `; closest is call ${closest.index + 1}: ${closest.result.explanation ?? ''}` : '';
      return invalid('parallel_function_checker_no_order:cannot_find_match', errors, `no call matches expected call ${i + 1} (${func.name})${detail}`);
    }
  }
  return VALID;
}

/** BFCL's `multiple_function_checker`: one expected call, chosen from several functions. */
function multiple(functions: ToolSpec[], calls: DecodedCall[], answers: PyValue[], opts: CheckOptions): CheckResult {
  if (calls.length !== answers.length) return wrongCount('multiple_function_checker', answers.length, calls);
  const answer = first(answers);
  return withCall(simpleFunctionChecker(findDescription(functions, expectedName(answer)), first(calls), answer, opts), 0);
}

/**
 * BFCL's `ast_checker`: the category name picks the rule (`parallel` before `multiple`, so
 * `parallel_multiple` is a parallel category), everything else is a simple category.
 */
export function astChecker(functions: ToolSpec[], calls: DecodedCall[], answers: PyValue[], category: string, opts: CheckOptions): CheckResult {
  if (category.includes('parallel')) return parallelNoOrder(functions, calls, answers, opts);
  if (category.includes('multiple')) return multiple(functions, calls, answers, opts);
  if (calls.length !== 1) return wrongCount('simple_function_checker', 1, calls);
  return withCall(simpleFunctionChecker(first(functions), calls[0]!, first(answers), opts), 0);
}
