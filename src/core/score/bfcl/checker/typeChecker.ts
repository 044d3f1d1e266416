import { pyRepr } from '../../python/repr.js';
import { pyEq, pyIter, typeName, type PyValue } from '../../python/values.js';

export interface TypeCheckResult {
  valid: boolean;
  error: string[];
  /** The answer's own type differs from the schema's: the value is compared as it is. */
  is_variable: boolean;
  error_type: string;
}

/** `get_possible_answer_type`: the type of the first answer that is not the `""` marker. */
function possibleAnswerType(possibleAnswer: PyValue): string | null {
  for (const answer of pyIter(possibleAnswer)) if (!pyEq(answer, '')) return typeName(answer);
  return null;
}

/**
 * BFCL's `type_checker`, control flow included: a failed nested check falls through to the
 * "is it a variable?" test, and a value whose type matches the answer's type (rather than
 * the schema's) passes as a variable.
 */
export function typeChecker(
  param: PyValue,
  value: PyValue,
  possibleAnswer: PyValue,
  expectedTypeDescription: string,
  expectedType: string,
  nestedType: string | null,
): TypeCheckResult {
  const result: TypeCheckResult = { valid: true, error: [], is_variable: false, error_type: 'type_error:simple' };
  const answerType = possibleAnswerType(possibleAnswer);
  const isVariable = answerType !== null && answerType !== expectedType;

  if (typeName(value) === expectedType) {
    if (nestedType === null) {
      result.is_variable = isVariable;
      return result;
    }
    for (const answerItem of pyIter(possibleAnswer)) {
      // Each answer is tried in turn; one whose items all type-check accepts the value.
      const fits = !Array.isArray(answerItem) || pyIter(value).every((item) => typeChecker(param, item, answerItem, `<class '${nestedType}'>`, nestedType, null).valid);
      if (fits) return { valid: true, error: [], is_variable: isVariable, error_type: result.error_type };
    }
    result.valid = false;
    result.error = [
      `Nested type checking failed for parameter ${pyRepr(param)}. Expected outer type ${expectedTypeDescription} with inner type <class '${nestedType}'>. Parameter value: ${pyRepr(value)}.`,
    ];
    result.error_type = 'type_error:nested';
  }

  if (answerType !== null && typeName(value) === answerType) {
    result.is_variable = true;
    return result;
  }
  result.valid = false;
  result.error.push(`Incorrect type for parameter ${pyRepr(param)}. Expected type ${expectedTypeDescription}, got ${typeName(value)}. Parameter value: ${pyRepr(value)}.`);
  result.error_type = 'type_error:simple';
  return result;
}
