import { astClassName, ELLIPSIS, parseExpression, type PyNode } from '../../python/ast.js';
import { evaluate, unary } from '../../python/evaluate.js';
import { pyStrip } from '../../python/text.js';
import { unparse } from '../../python/unparse.js';
import { PyDict, PyError, PyOther, PyTuple, type PyValue } from '../../python/values.js';
import type { DecodedCall } from './calls.js';

/**
 * BFCL's `default_decode_ast_prompting` + `ast_parse` for Python: the model's text, stripped
 * of backticks and wrapped in brackets, must be a list of calls such as
 * `[math.factorial(number=5), g(x=[1, 2])]`. Only keyword arguments count; positional ones
 * are dropped, as BFCL drops them.
 */
export function decodePythonCalls(result: string): DecodedCall[] {
  let text = pyStrip(result, '`\n ');
  if (!text.startsWith('[')) text = `[${text}`;
  if (!text.endsWith(']')) text = `${text}]`;
  // BFCL also removes quotes a model may have wrapped around the whole answer.
  const body = parseExpression(pyStrip(pyStrip(text), "'"));
  if (body.kind === 'Call') return [resolveCall(body)];
  if (body.kind !== 'List' && body.kind !== 'Tuple' && body.kind !== 'Set') {
    throw new PyError('AttributeError', `'${astClassName(body)}' object has no attribute 'elts'`);
  }
  return body.elts.map((elem) => {
    if (elem.kind !== 'Call') throw new PyError('AssertionError', '');
    return resolveCall(elem);
  });
}

type CallNode = Extract<PyNode, { kind: 'Call' }>;

/** `resolve_ast_call`: the dotted name (`a.b.c`) and the keyword arguments. */
function resolveCall(call: CallNode): DecodedCall {
  const parts: string[] = [];
  let f = call.func;
  while (f.kind === 'Attribute') {
    parts.push(f.attr);
    f = f.value;
  }
  if (f.kind === 'Name') parts.push(f.id);
  const args = new PyDict();
  for (const kw of call.keywords) args.set(kw.arg, resolveValue(kw.value));
  return { name: parts.reverse().join('.'), args };
}

/** `resolve_ast_by_type`, including its quirks (`+5` and `~5` both give -5). */
function resolveValue(node: PyNode): PyValue {
  switch (node.kind) {
    case 'Constant':
      return node.value === ELLIPSIS ? '...' : node.value;
    case 'UnaryOp':
      if (node.operand.kind !== 'Constant') throw new PyError('AttributeError', `'${astClassName(node.operand)}' object has no attribute 'value'`);
      return unary('-', node.operand.value === ELLIPSIS ? new PyOther('ellipsis', 'Ellipsis') : node.operand.value);
    case 'List':
      return node.elts.map(resolveValue);
    case 'Dict':
      return PyDict.of(node.keys.map((k, i) => [k === null ? unsupported('NoneType', false) : resolveValue(k), resolveValue(node.values[i]!)]));
    case 'BinOp':
      return evaluate(node);
    case 'Name':
      return node.id;
    case 'Call': {
      // A nested call with keywords becomes a dict; without, its source text.
      if (node.keywords.length === 0) return unparse(node);
      const inner = resolveCall(node);
      return PyDict.of([[inner.name, inner.args]]);
    }
    case 'Tuple':
      return new PyTuple(node.elts.map(resolveValue));
    case 'Lambda':
      throw new PyError('TypeError', `'${astClassName(node.body)}' object is not subscriptable`);
    case 'Subscript':
      return `${unparse(node.value)}[${unparse(node.slice)}]`;
    default:
      return unsupported(astClassName(node), true);
  }
}

function unsupported(className: string, isAst: boolean): never {
  throw new PyError('Exception', `Unsupported AST type: <class '${isAst ? `ast.${className}` : className}'>`);
}
