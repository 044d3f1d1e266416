import type { ParameterSchema, ToolSpec } from '../../../schema/index.js';
import { javaTypeConverter } from '../convert/javaTypeConverter.js';
import { jsTypeConverter } from '../convert/jsTypeConverter.js';
import type { DecodedCall } from '../decode/calls.js';
import { quoteName, show } from '../explain.js';
import { pyRepr } from '../../python/repr.js';
import { PyDict, pyContains, PyError, PyTuple, typeName, type PyValue } from '../../python/values.js';
import { invalid, VALID, type CheckResult } from './result.js';
import { typeChecker } from './typeChecker.js';
import {
  JAVA_TYPE_CONVERSION,
  JS_TYPE_CONVERSION,
  lookup,
  NESTED_CONVERSION_TYPE_LIST,
  PYTHON_NESTED_TYPE_CHECK_LIST,
  PYTHON_TYPE_MAPPING,
} from './typeMappings.js';
import { dictChecker, listChecker, listDictChecker, membershipChecker, stringChecker } from './valueCheckers.js';

export type BfclLanguage = 'python' | 'java' | 'javascript';

export interface CheckOptions {
  language: BfclLanguage;
  /** The model could not use `.` in names, so `math.factorial` is expected as `math_factorial`. */
  underscoreToDot: boolean;
}

/** BFCL's `convert_func_name`. */
export function convertFuncName(name: string, underscoreToDot: boolean): string {
  return underscoreToDot && name.includes('.') ? name.replace(/\./g, '_') : name;
}

/** An answer entry `{function name: {param: [allowed values]}}`: its parameter dict. */
export function answerParams(entry: PyValue): PyDict {
  const params = entry instanceof PyDict ? entry.entries[0]?.[1] : undefined;
  if (!(params instanceof PyDict)) throw new PyError('TypeError', `a possible answer must map a function name to a dict of parameters, got ${pyRepr(entry)}`);
  return params;
}

interface Converted {
  value: PyValue;
  expectedType: string;
  nestedType: string | null;
}

/** The language step: Java and JavaScript values are source text converted to Python values first. */
function convert(param: PyValue, value: PyValue, details: ParameterSchema, opts: CheckOptions, where: string): Converted | CheckResult {
  const desc = details.type as string;
  if (opts.language === 'python') {
    const expectedType = lookup(PYTHON_TYPE_MAPPING, desc);
    const nestedType = PYTHON_NESTED_TYPE_CHECK_LIST.includes(desc) ? lookup(PYTHON_TYPE_MAPPING, details.items?.type) : null;
    return { value, expectedType, nestedType };
  }
  const java = opts.language === 'java';
  const table = java ? JAVA_TYPE_CONVERSION : JS_TYPE_CONVERSION;
  const expectedType = lookup(table, desc);
  if (typeof value !== 'string') {
    return invalid(
      java ? 'type_error:java' : 'type_error:js',
      [`Incorrect type for parameter ${pyRepr(param)}. Expected type String, got ${typeName(value)}. Parameter value: ${pyRepr(value)}.`],
      `${where}parameter ${quoteName(param)} should be ${java ? 'Java' : 'JavaScript'} source text (a string) but got ${typeName(value)} ${show(value)}`,
    );
  }
  const converter = java ? javaTypeConverter : jsTypeConverter;
  if (!NESTED_CONVERSION_TYPE_LIST.includes(desc)) return { value: converter(value, desc), expectedType, nestedType: null };
  const nested = details.items?.type;
  const nestedType = lookup(table, nested);
  return { value: converter(value, desc, nested as string), expectedType, nestedType };
}

/**
 * BFCL's `simple_function_checker`: one model call against one expected call, in BFCL's
 * order of checks (name, required parameters, then each parameter's type and value, then
 * omitted parameters), stopping at the first failure.
 */
export function simpleFunctionChecker(func: ToolSpec, call: DecodedCall, answerEntry: PyValue, opts: CheckOptions): CheckResult {
  const possibleAnswer = answerParams(answerEntry);
  const funcName = convertFuncName(func.name, opts.underscoreToDot);
  // BFCL's data always has both; records made elsewhere may omit them.
  const properties = func.parameters.properties ?? {};
  const required = func.parameters.required ?? [];
  if (call.name !== funcName) {
    const spelled = funcName === func.name ? '' : ` (${func.name}, spelled with underscores)`;
    return invalid(
      'simple_function_checker:wrong_func_name',
      [`Function name ${pyRepr(funcName)} not found in model output.`],
      `${call.name || '(no name)'}: expected a call to ${funcName}${spelled}`,
    );
  }
  const where = `${call.name}: `;
  const modelParams = call.args as PyDict;
  for (const param of required) {
    if (!modelParams.has(param)) {
      return invalid('simple_function_checker:missing_required', [`Missing required parameter: ${pyRepr(param)}.`], `${where}required parameter ${quoteName(param)} is missing`);
    }
  }
  for (const [param, modelValue] of modelParams.entries) {
    const details = typeof param === 'string' && Object.hasOwn(properties, param) ? properties[param] : undefined;
    const allowed = possibleAnswer.get(param);
    if (details === undefined || allowed === undefined) {
      const why = details === undefined ? "it is not in the function's schema" : 'the possible answer does not use it';
      return invalid('simple_function_checker:unexpected_param', [`Unexpected parameter: ${pyRepr(param)}.`], `${where}unexpected parameter ${quoteName(param)} (${why})`);
    }
    const converted = convert(param, modelValue, details, opts, where);
    if ('valid' in converted) return converted;
    let { value } = converted;
    const { expectedType, nestedType } = converted;
    const desc = details.type as string;
    // Answers pass through JSON, where tuples become lists, so BFCL compares tuples as lists.
    if (desc === 'tuple' && value instanceof PyTuple) value = [...value.items];
    if (opts.language === 'python' && desc === 'float' && typeof value === 'bigint') value = Number(value);

    const typed = typeChecker(param, value, allowed, desc, expectedType, nestedType);
    if (!typed.valid) {
      const want = nestedType === null ? desc : `${desc} of ${String(details.items?.type)}`;
      return invalid(typed.error_type, typed.error, `${where}parameter ${quoteName(param)} should be ${want} but got ${typeName(value)} ${show(value)}`);
    }
    let result: CheckResult;
    if (typed.is_variable) result = membershipChecker(param, value, allowed, where);
    else if (expectedType === 'dict') result = dictChecker(param, value, allowed, where);
    else if (expectedType === 'list' && nestedType === 'dict') result = listDictChecker(param, value as PyValue[], allowed, where);
    else if (expectedType === 'str') result = stringChecker(param, value as string, allowed, where);
    else if (expectedType === 'list') result = listChecker(param, value as PyValue[], allowed, where);
    else result = membershipChecker(param, value, allowed, where);
    if (!result.valid) return result;
  }
  for (const [param, allowed] of possibleAnswer.entries) {
    if (!modelParams.has(param) && !pyContains(allowed, '')) {
      return invalid(
        'simple_function_checker:missing_optional',
        [`Optional parameter ${pyRepr(param)} not provided and not marked as optional.`],
        `${where}parameter ${quoteName(param)} is missing, but the possible answer needs one of ${show(allowed)}`,
      );
    }
  }
  return VALID;
}
