import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { joinStrings, numberLiteral, stringLiteral } from './literals.js';
import { PyError, type PyValue } from './values.js';

/** Python's `...` literal, which BFCL turns into the string "...". */
export const ELLIPSIS = Symbol('Ellipsis');

export interface Keyword {
  /** null for `**kwargs`. */
  arg: string | null;
  value: PyNode;
}

/**
 * The subset of Python's `ast` that BFCL's decoder distinguishes. Everything else keeps its
 * `ast` class name (BFCL reports "Unsupported AST type: <class 'ast.Set'>") and its source.
 */
export type PyNode =
  | { kind: 'Constant'; value: PyValue | typeof ELLIPSIS }
  | { kind: 'Name'; id: string }
  | { kind: 'Attribute'; value: PyNode; attr: string }
  | { kind: 'Subscript'; value: PyNode; slice: PyNode }
  | { kind: 'Call'; func: PyNode; args: PyNode[]; keywords: Keyword[] }
  | { kind: 'Starred'; value: PyNode }
  | { kind: 'List' | 'Tuple' | 'Set'; elts: PyNode[] }
  | { kind: 'Dict'; keys: Array<PyNode | null>; values: PyNode[] }
  | { kind: 'UnaryOp'; op: string; operand: PyNode }
  | { kind: 'BinOp'; op: string; left: PyNode; right: PyNode }
  | { kind: 'Lambda'; body: PyNode; source: string }
  | { kind: 'Other'; className: string; source: string };

const OTHER_CLASS: Record<string, string> = {
  FormatString: 'JoinedStr',
  ConditionalExpression: 'IfExp',
  ArrayComprehensionExpression: 'ListComp',
  SetComprehensionExpression: 'SetComp',
  DictionaryComprehensionExpression: 'DictComp',
  ComprehensionExpression: 'GeneratorExp',
  AwaitExpression: 'Await',
  YieldExpression: 'Yield',
  NamedExpression: 'NamedExpr',
};

function syntaxError(source: string, at: number, msg = 'invalid syntax'): PyError {
  const line = source.slice(0, at).split('\n').length;
  return new PyError('SyntaxError', `${msg} (<unknown>, line ${line})`);
}

/** The children that carry meaning (comments dropped). */
function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

/** Splits bracketed contents at top-level commas: `( a = 1 , * b )` -> [[a, =, 1], [*, b]]. */
function groups(nodes: SyntaxNode[]): SyntaxNode[][] {
  const out: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ',') out.push([]);
    else out[out.length - 1]!.push(n);
  }
  return out.filter((g) => g.length > 0);
}

function inner(node: SyntaxNode): SyntaxNode[] {
  return children(node).slice(1, -1);
}

/**
 * Python reads `5.` and `1.e5` as floats; lezer reads a number, a `.` and a missing (or
 * present) attribute name. Such a member expression is really one number token.
 */
function isDottedNumber(member: SyntaxNode | null, source: string): member is SyntaxNode {
  if (member?.name !== 'MemberExpression') return false;
  const [num, dot, rest, ...more] = children(member);
  if (num?.name !== 'Number' || dot?.name !== '.' || dot.from !== num.to || more.length > 0) return false;
  if (!/^\d[\d_]*$/.test(source.slice(num.from, num.to))) return false;
  const emptyError = rest?.type.isError && rest.from === rest.to;
  return rest === undefined || emptyError === true || (rest.name === 'PropertyName' && rest.from === dot.to);
}

/**
 * `ast.parse(source, mode="eval").body`: one expression, or a SyntaxError. Parsed with
 * @lezer/python, which recovers from errors, so any error node fails the whole parse.
 */
export function parseExpression(source: string): PyNode {
  const tree = parser.parse(source);
  let errorAt = -1;
  tree.iterate({
    enter: (n) => {
      if (errorAt < 0 && n.type.isError && !(n.from === n.to && isDottedNumber(n.node.parent, source))) errorAt = n.from;
    },
  });
  if (errorAt >= 0) throw syntaxError(source, errorAt);
  const statements = children(tree.topNode);
  const only = statements[0];
  if (statements.length !== 1 || only!.name !== 'ExpressionStatement') throw syntaxError(source, statements[1]?.from ?? 0);
  return new Converter(source).expr(children(only!)[0]!);
}

// CPython's parser stops at this nesting ("too many nested parentheses").
const MAX_NESTING = 200;

class Converter {
  private depth = 0;

  constructor(private readonly source: string) {}

  private text(n: SyntaxNode): string {
    return this.source.slice(n.from, n.to);
  }

  expr(n: SyntaxNode): PyNode {
    if (++this.depth > MAX_NESTING) throw syntaxError(this.source, n.from, 'too many nested parentheses');
    try {
      return this.convert(n);
    } finally {
      this.depth--;
    }
  }

  private convert(n: SyntaxNode): PyNode {
    const kids = children(n);
    switch (n.name) {
      case 'Number':
        return this.literal(n, () => numberLiteral(this.text(n)));
      case 'String':
        return this.literal(n, () => joinStrings([stringLiteral(this.text(n))]));
      case 'ContinuedString':
        return this.continuedString(n, kids);
      case 'Boolean':
        return { kind: 'Constant', value: this.text(n) === 'True' };
      case 'None':
        return { kind: 'Constant', value: null };
      case 'Ellipsis':
        return { kind: 'Constant', value: ELLIPSIS };
      case 'VariableName':
        return { kind: 'Name', id: this.text(n) };
      case 'ParenthesizedExpression':
        return this.expr(kids[1]!);
      case 'MemberExpression':
        return this.member(n, kids);
      case 'CallExpression':
        return this.call(kids);
      case 'ArrayExpression':
        return { kind: 'List', elts: this.elements(inner(n)) };
      case 'TupleExpression':
        return { kind: 'Tuple', elts: this.elements(inner(n)) };
      case 'SetExpression':
        return { kind: 'Set', elts: this.elements(inner(n)) };
      case 'DictionaryExpression':
        return this.dict(inner(n));
      case 'UnaryExpression':
        return { kind: 'UnaryOp', op: this.text(kids[0]!), operand: this.expr(kids[1]!) };
      case 'BinaryExpression':
        return this.binary(n, kids);
      case 'LambdaExpression':
        return { kind: 'Lambda', body: this.expr(kids[kids.length - 1]!), source: this.text(n) };
    }
    return { kind: 'Other', className: OTHER_CLASS[n.name] ?? n.name, source: this.text(n) };
  }

  /** A literal's value; its SyntaxErrors get the line, as Python reports them. */
  private literal(n: SyntaxNode, value: () => PyValue): PyNode {
    try {
      return { kind: 'Constant', value: value() };
    } catch (err) {
      if (err instanceof PyError && err.pyType === 'SyntaxError') throw syntaxError(this.source, n.from, err.message);
      throw err;
    }
  }

  private continuedString(n: SyntaxNode, kids: SyntaxNode[]): PyNode {
    if (kids.some((k) => k.name !== 'String')) return { kind: 'Other', className: 'JoinedStr', source: this.text(n) };
    return this.literal(n, () => joinStrings(kids.map((k) => stringLiteral(this.text(k)))));
  }

  private member(n: SyntaxNode, kids: SyntaxNode[]): PyNode {
    if (isDottedNumber(n, this.source)) {
      const end = (kids.find((k) => k.name === 'PropertyName') ?? kids[1]!).to;
      return this.literal(n, () => numberLiteral(this.source.slice(n.from, end)));
    }
    const value = this.expr(kids[0]!);
    if (kids[1]?.name === '.') return { kind: 'Attribute', value, attr: this.text(kids[2]!) };
    return { kind: 'Subscript', value, slice: this.slice(kids.slice(2, -1)) };
  }

  /** `x[i]`, `x[i, j]` (a tuple) or `x[1:2]` (a slice, kept as text: BFCL only prints it). */
  private slice(nodes: SyntaxNode[]): PyNode {
    if (nodes.some((k) => k.name === ',')) return { kind: 'Tuple', elts: groups(nodes).map((g) => this.slice(g)) };
    if (!nodes.some((k) => k.name === ':')) return this.expr(nodes[0]!);
    return { kind: 'Other', className: 'Slice', source: this.source.slice(nodes[0]!.from, nodes[nodes.length - 1]!.to) };
  }

  private elements(nodes: SyntaxNode[]): PyNode[] {
    return groups(nodes).map((g) => (g[0]!.name === '*' ? { kind: 'Starred', value: this.expr(g[1]!) } : this.expr(g[0]!)));
  }

  private dict(nodes: SyntaxNode[]): PyNode {
    const keys: Array<PyNode | null> = [];
    const values: PyNode[] = [];
    for (const g of groups(nodes)) {
      if (g[0]!.name === '**') {
        keys.push(null);
        values.push(this.expr(g[1]!));
      } else {
        keys.push(this.expr(g[0]!));
        values.push(this.expr(g[2]!));
      }
    }
    return { kind: 'Dict', keys, values };
  }

  private binary(n: SyntaxNode, kids: SyntaxNode[]): PyNode {
    const opNodes = kids.slice(1, -1);
    const op = opNodes.map((k) => this.text(k)).join(' ');
    const kind = opNodes[0]!.name;
    if (kind === 'ArithOp' || kind === 'BitOp' || kind === '@' || kind === '**') {
      return { kind: 'BinOp', op, left: this.expr(kids[0]!), right: this.expr(kids[kids.length - 1]!) };
    }
    const className = op === 'and' || op === 'or' ? 'BoolOp' : 'Compare';
    return { kind: 'Other', className, source: this.text(n) };
  }

  /** Python's own call-syntax rules, which lezer does not enforce. */
  private call(kids: SyntaxNode[]): PyNode {
    const func = this.expr(kids[0]!);
    const args: PyNode[] = [];
    const keywords: Keyword[] = [];
    const argList = kids[1]!;
    let sawKeyword = false;
    let sawKwargs = false;
    for (const g of groups(inner(argList))) {
      const fail = (msg: string) => new PyError('SyntaxError', `${msg} (<unknown>, line ${this.source.slice(0, g[0]!.from).split('\n').length})`);
      if (g.some((k) => k.name === 'for')) {
        args.push({ kind: 'Other', className: 'GeneratorExp', source: this.source.slice(g[0]!.from, g[g.length - 1]!.to) });
      } else if (g[1]?.name === 'AssignOp' && this.text(g[1]) === '=') {
        // A repeated keyword is a compile-time error, which ast.parse does not raise.
        keywords.push({ arg: this.text(g[0]!), value: this.expr(g[2]!) });
        sawKeyword = true;
      } else if (g[0]!.name === '**') {
        keywords.push({ arg: null, value: this.expr(g[1]!) });
        sawKwargs = true;
      } else if (g[0]!.name === '*') {
        if (sawKwargs) throw fail('iterable argument unpacking follows keyword argument unpacking');
        args.push({ kind: 'Starred', value: this.expr(g[1]!) });
      } else {
        if (sawKwargs) throw fail('positional argument follows keyword argument unpacking');
        if (sawKeyword) throw fail('positional argument follows keyword argument');
        args.push(this.expr(g[0]!));
      }
    }
    return { kind: 'Call', func, args, keywords };
  }
}

/** The `ast` class name of a node, as `type(node).__name__` would print it. */
export function astClassName(node: PyNode): string {
  return node.kind === 'Other' ? node.className : node.kind;
}
