import { quoteName, show } from '../explain.js';
import { pyRepr } from '../../python/repr.js';
import { PyDict, PyError, pyContains, pyEq, pyIter, pyLen, typeName, type PyValue } from '../../python/values.js';
import { invalid, VALID, type CheckResult } from './result.js';

/**
 * BFCL's `standardize_string`: drops spaces and `,./-_*^`, lowercases, and turns `'` into
 * `"`, so "April 1, 2024" and "april 1 2024" compare equal.
 */
export function standardizeString(s: string): string {
  return s.replace(/[ ,./\-_*^]/g, '').toLowerCase().replace(/'/g, '"');
}

function standardizeItem(v: PyValue): PyValue {
  return typeof v === 'string' ? standardizeString(v) : v;
}

/** `x[i]` over `range(len(x))`, as BFCL indexes answers (a string yields its characters). */
function indexed(v: PyValue): PyValue[] {
  if (v instanceof PyDict) {
    if (v.size > 0) throw new PyError('KeyError', '0');
    return [];
  }
  pyLen(v);
  return pyIter(v);
}

/** `str(key)` as an f-string prints it. */
function pyStr(v: PyValue): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

export function stringChecker(param: PyValue, value: string, possibleAnswer: PyValue, where: string): CheckResult {
  const allowed = indexed(possibleAnswer).filter((a): a is string => typeof a === 'string').map(standardizeString);
  if (allowed.includes(standardizeString(value))) return VALID;
  return invalid(
    'value_error:string',
    [`Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(possibleAnswer)}. Case insensitive.`],
    `${where}parameter ${quoteName(param)} expected one of ${show(possibleAnswer)} but got ${show(value)} (compared ignoring case, spaces and ,./-_*^)`,
  );
}

/** Lists must equal one answer element by element, in order; strings are standardised first. */
export function listChecker(param: PyValue, value: PyValue[], possibleAnswer: PyValue, where: string): CheckResult {
  const standardized = value.map(standardizeItem);
  const allowed = indexed(possibleAnswer).map((answer) => indexed(answer).map(standardizeItem));
  if (pyContains(allowed, standardized)) return VALID;
  return invalid(
    'value_error:list/tuple',
    [`Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(possibleAnswer)}.`],
    `${where}parameter ${quoteName(param)} expected one of ${show(possibleAnswer)} (order matters) but got ${show(value)}`,
  );
}

function asDict(v: PyValue): PyDict {
  if (v instanceof PyDict) return v;
  throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
}

function getItem(container: PyValue, key: PyValue): PyValue {
  const hit = container instanceof PyDict ? container.get(key) : undefined;
  if (hit === undefined) throw new PyError(container instanceof PyDict ? 'KeyError' : 'TypeError', pyRepr(key));
  return hit;
}

/**
 * BFCL's `dict_checker`: every key of the model's dict must be in one answer dict with an
 * allowed (standardised) value, and every answer key without `""` must be present. Like
 * BFCL, a failure in the first pass still lets the second pass add its own error.
 */
export function dictChecker(param: PyValue, value: PyValue, possibleAnswers: PyValue, where: string): CheckResult {
  const model = asDict(value);
  let result: CheckResult = { valid: false, error: [], error_type: 'dict_checker:unclear' };
  for (const answer of indexed(possibleAnswers)) {
    if (pyEq(answer, '')) continue;
    const errors: string[] = [];
    let errorType = 'dict_checker:unclear';
    const notes: string[] = [];
    for (const [key, v] of model.entries) {
      if (!pyContains(answer, key)) {
        errors.push(`Unexpected dict key parameter: '${pyStr(key)}'.`);
        errorType = 'value_error:dict_key';
        notes.push(`unexpected key ${quoteName(key)}`);
        break;
      }
      const allowed = indexed(getItem(answer, key)).map(standardizeItem);
      if (!pyContains(allowed, standardizeItem(v))) {
        errors.push(`Invalid value for parameter ${pyRepr(key)}: ${pyRepr(v)}. Expected one of ${pyRepr(allowed)}.`);
        errorType = 'value_error:dict_value';
        notes.push(`key ${quoteName(key)} expected one of ${show(getItem(answer, key))} but got ${show(v)}`);
        break;
      }
    }
    for (const [key, allowed] of asDict(answer).entries) {
      if (!model.has(key) && !pyContains(allowed, '')) {
        errors.push(`Missing dict key parameter: '${pyStr(key)}'.`);
        errorType = 'value_error:dict_key';
        notes.push(`missing key ${quoteName(key)} (expected one of ${show(allowed)})`);
        break;
      }
    }
    if (errors.length === 0) return VALID;
    result = invalid(errorType, errors, `${where}parameter ${quoteName(param)}: ${notes.join('; ')}`);
  }
  return result;
}

/** BFCL's `list_dict_checker`: same number of dicts as an answer, each checked in order. */
export function listDictChecker(param: PyValue, value: PyValue[], possibleAnswers: PyValue, where: string): CheckResult {
  let result: CheckResult = { valid: false, error: [], error_type: 'list_dict_checker:unclear' };
  for (const answer of indexed(possibleAnswers)) {
    const answerItems = indexed(answer);
    if (value.length !== answerItems.length) {
      result = invalid(
        'value_error:list_dict_count',
        ['Wrong number of dictionaries in the list.'],
        `${where}parameter ${quoteName(param)} expected ${answerItems.length} dict(s) but got ${value.length}`,
      );
      continue;
    }
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      result = dictChecker(param, value[i]!, [answerItems[i]!], `${where}item ${i + 1} of `);
      if (!result.valid) {
        ok = false;
        break;
      }
    }
    if (ok) return VALID;
  }
  return result;
}

/** The last resort for ints, floats, booleans and "variables": plain membership. */
export function membershipChecker(param: PyValue, value: PyValue, possibleAnswer: PyValue, where: string): CheckResult {
  if (pyContains(possibleAnswer, value)) return VALID;
  return invalid(
    'value_error:others',
    [`Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(possibleAnswer)}.`],
    `${where}parameter ${quoteName(param)} expected one of ${show(possibleAnswer)} but got ${show(value)}`,
  );
}
