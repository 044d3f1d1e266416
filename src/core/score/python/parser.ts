import { fStringFields } from './fstring.js';
import { joinStrings, numberLiteral, stringLiteral, type StringPart } from './literals.js';
import { ELLIPSIS, type EvalBudget, type Keyword, type PyNode } from './nodes.js';
import { Lexer, ParseError, type Token } from './tokenize.js';
import { PyError, type PyValue } from './values.js';

export interface ParseLimits {
  /** Longer sources are refused, not parsed. */
  maxChars: number;
  /** Brackets, operators and calls nest at most this deep. */
  maxDepth: number;
}

/** What one parse shares with the parses of its f-string fields. */
interface Shared {
  limits: ParseLimits;
  budget: EvalBudget;
  /** The height of every node with children (a leaf's is 1), so a deep tree is refused before anything walks it. */
  heights: Map<PyNode, number>;
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
const CONSTANTS = new Map<string, PyValue>([
  ['True', true],
  ['False', false],
  ['None', null],
]);
// Binary operators and their precedence, lowest first; all associate to the left (`**` is parsed apart).
const BINARY_PRECEDENCE = new Map(
  [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@']].flatMap((ops, precedence) => ops.map((op) => [op, precedence] as const)),
);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'is']);

/** Python reads identifiers NFKC-normalised (`ﬁ` is `fi`). */
function identifier(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
}

/**
 * `ast.parse(source, mode="eval").body` for the tokens of `source`: a recursive-descent parser of
 * Python 3.11's expression grammar that consumes each token once and never backtracks. Nesting
 * is bounded twice: the recursion (`enter`) and the height of every node built (`made`), so
 * neither this parser nor any walker of its tree can exhaust the stack.
 */
export class Parser {
  private readonly lexer: Lexer;
  /** The current token, and the one after it once `peek` has read it. */
  private tok: Token;
  private ahead: Token | undefined;
  /** Where the last token read ends: the end of a node's source. */
  private prevEnd = 0;

  constructor(
    private readonly source: string,
    private readonly shared: Shared,
    private depth = 0,
  ) {
    this.lexer = new Lexer(source, shared.limits.maxDepth);
    this.tok = this.lexer.next();
  }

  static parse(source: string, limits: ParseLimits, budget: EvalBudget): PyNode {
    const parser = new Parser(source, { limits, budget, heights: new Map<PyNode, number>() });
    try {
      return parser.parseEval();
    } catch (err) {
      // Like CPython, a tokenizer error anywhere in the source outranks the parser's.
      if (err instanceof ParseError) parser.lexer.drain();
      throw err;
    }
  }

  parseEval(): PyNode {
    const body = this.expressions();
    while (this.tok.kind === 'newline') this.advance();
    if (this.tok.kind !== 'end') throw this.fail();
    return body;
  }

  // --- tokens -------------------------------------------------------------------------------

  private advance(): void {
    if (this.tok.kind === 'end') return;
    this.prevEnd = this.tok.end;
    this.tok = this.ahead ?? this.lexer.next();
    this.ahead = undefined;
  }

  private peek(): Token {
    this.ahead ??= this.tok.kind === 'end' ? this.tok : this.lexer.next();
    return this.ahead;
  }

  /** Whether the current token is this operator or keyword. */
  private is(text: string): boolean {
    const t = this.tok;
    return (t.kind === 'op' || t.kind === 'name') && t.text === text;
  }

  /** The current token, and moves past it (never past the end). */
  private take(): Token {
    const t = this.tok;
    this.advance();
    return t;
  }

  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.advance();
    return true;
  }

  private expect(text: string, message?: string): void {
    if (!this.accept(text)) throw this.fail(message);
  }

  private fail(message = 'invalid syntax', at = this.tok.start): ParseError {
    return new ParseError(message, at);
  }

  private isName(t: Token = this.tok): boolean {
    return t.kind === 'name' && !KEYWORDS.has(t.text);
  }

  private isWalrus(): boolean {
    return this.isName() && this.peek().text === ':=' && this.peek().kind === 'op';
  }

  private isComprehension(): boolean {
    return this.is('for') || (this.is('async') && this.peek().text === 'for');
  }

  // --- bounds -------------------------------------------------------------------------------

  private tooDeep(): ParseError {
    return this.fail(`nested more than ${this.shared.limits.maxDepth} levels deep`);
  }

  /** Enters one level of recursion, refused past the depth limit; `leave` comes back from it. */
  private enter(): void {
    if (++this.depth > this.shared.limits.maxDepth) throw this.tooDeep();
  }

  private leave<T>(result: T): T {
    this.depth--;
    return result;
  }

  /** Records a new node's height, refusing it past the depth limit. Leaves are not recorded: their height is 1. */
  private made<N extends PyNode>(node: N, parts: ReadonlyArray<PyNode | null>): N {
    let height = 0;
    for (const part of parts) if (part) height = Math.max(height, this.shared.heights.get(part) ?? 1);
    if (height >= this.shared.limits.maxDepth) throw this.tooDeep();
    this.shared.heights.set(node, height + 1);
    return node;
  }

  /** A node BFCL only names (`IfExp`, `ListComp`…), with its source text. */
  private other(className: string, start: number, parts: ReadonlyArray<PyNode | null>): PyNode {
    return this.made({ kind: 'Other', className, source: this.source.slice(start, this.prevEnd) }, parts);
  }

  // --- expressions --------------------------------------------------------------------------

  /** `a` or `a, b` (a tuple). */
  private expressions(): PyNode {
    const first = this.expression();
    if (!this.is(',')) return first;
    const elts = [first];
    while (this.accept(',') && this.tok.kind !== 'newline' && this.tok.kind !== 'end') elts.push(this.expression());
    return this.made({ kind: 'Tuple', elts }, elts);
  }

  private expression(): PyNode {
    if (this.is('lambda')) return this.lambda();
    const start = this.tok.start;
    const body = this.boolOp('or');
    if (!this.accept('if')) return body;
    const test = this.boolOp('or');
    this.expect('else', "expected 'else' after 'if' expression");
    this.enter();
    const orelse = this.leave(this.expression());
    return this.other('IfExp', start, [body, test, orelse]);
  }

  /** `a or b`, `a and b`: one BoolOp per run of the same operator. */
  private boolOp(word: 'or' | 'and'): PyNode {
    const start = this.tok.start;
    const first = this.boolOperand(word);
    if (!this.is(word)) return first;
    const values = [first];
    while (this.accept(word)) values.push(this.boolOperand(word));
    return this.other('BoolOp', start, values);
  }

  private boolOperand(word: 'or' | 'and'): PyNode {
    return word === 'or' ? this.boolOp('and') : this.inversion();
  }

  private inversion(): PyNode {
    if (!this.accept('not')) return this.comparison();
    this.enter();
    const operand = this.leave(this.inversion());
    return this.made({ kind: 'UnaryOp', op: 'not', operand }, [operand]);
  }

  private comparison(): PyNode {
    const start = this.tok.start;
    const parts = [this.binary()];
    while (this.comparisonOperator()) parts.push(this.binary());
    return parts.length === 1 ? parts[0]! : this.other('Compare', start, parts);
  }

  /** Reads `<`, `not in`, `is not`… if one comes next. */
  private comparisonOperator(): boolean {
    const t = this.tok;
    if ((t.kind === 'op' || t.kind === 'name') && COMPARISONS.has(t.text)) {
      this.advance();
      if (t.text === 'is') this.accept('not');
      return true;
    }
    if (!this.is('not') || this.peek().text !== 'in') return false;
    this.advance();
    this.advance();
    return true;
  }

  /** Binary operators of precedence `min` and above (precedence climbing: at most one call per level). */
  private binary(min = 0): PyNode {
    let left = this.factor();
    for (;;) {
      const op = this.tok.text;
      const precedence = this.tok.kind === 'op' ? BINARY_PRECEDENCE.get(op) : undefined;
      if (precedence === undefined || precedence < min) return left;
      this.advance();
      const right = this.binary(precedence + 1);
      left = this.made({ kind: 'BinOp', op, left, right, budget: this.shared.budget }, [left, right]);
    }
  }

  private factor(): PyNode {
    const t = this.tok;
    if (t.kind !== 'op' || (t.text !== '-' && t.text !== '+' && t.text !== '~')) return this.power();
    this.advance();
    this.enter();
    const operand = this.leave(this.factor());
    return this.made({ kind: 'UnaryOp', op: t.text, operand }, [operand]);
  }

  private power(): PyNode {
    const left = this.awaitPrimary();
    if (!this.accept('**')) return left;
    this.enter();
    const right = this.leave(this.factor());
    return this.made({ kind: 'BinOp', op: '**', left, right, budget: this.shared.budget }, [left, right]);
  }

  private awaitPrimary(): PyNode {
    const start = this.tok.start;
    if (!this.accept('await')) return this.primary();
    this.enter();
    const value = this.leave(this.primary());
    return this.other('Await', start, [value]);
  }

  /** An atom and what follows it: `.name`, `(args)`, `[index]`. */
  private primary(): PyNode {
    let node = this.atom();
    for (;;) {
      if (this.accept('.')) {
        const name = this.take();
        if (!this.isName(name)) throw this.fail('invalid syntax', name.start);
        node = this.made({ kind: 'Attribute', value: node, attr: identifier(name.text) }, [node]);
      } else if (this.is('(')) {
        this.enter();
        node = this.leave(this.call(node));
      } else if (this.is('[')) {
        this.enter();
        node = this.leave(this.subscript(node));
      } else {
        return node;
      }
    }
  }

  private atom(): PyNode {
    const t = this.tok;
    if (t.kind === 'name' && CONSTANTS.has(t.text)) {
      this.advance();
      return { kind: 'Constant', value: CONSTANTS.get(t.text)! };
    }
    if (this.isName()) {
      this.advance();
      return { kind: 'Name', id: identifier(t.text) };
    }
    if (t.kind === 'number') {
      this.advance();
      return { kind: 'Constant', value: this.literal(t.start, numberLiteral, t.text) };
    }
    if (t.kind === 'string') return this.strings();
    if (this.accept('...')) return { kind: 'Constant', value: ELLIPSIS };
    if (t.kind !== 'op' || (t.text !== '(' && t.text !== '[' && t.text !== '{')) throw this.fail();
    this.enter();
    return this.leave(t.text === '(' ? this.parenthesized() : t.text === '[' ? this.list() : this.braces());
  }

  /** `convert(text)`; its PyErrors (a bad escape, a huge int) become syntax errors at `at`. */
  private literal<A, T>(at: number, convert: (arg: A) => T, arg: A): T {
    try {
      return convert(arg);
    } catch (err) {
      if (err instanceof PyError && err.pyType === 'SyntaxError') throw this.fail(err.message, at);
      throw err;
    }
  }

  /** Adjacent string literals, joined; with an f-string among them, a JoinedStr. */
  private strings(): PyNode {
    const start = this.tok.start;
    const parts: StringPart[] = [];
    const fields: PyNode[] = [];
    let formatted = false;
    while (this.tok.kind === 'string') {
      const t = this.take();
      if (/^[a-z]*/i.exec(t.text)![0].toLowerCase().includes('f')) {
        formatted = true;
        for (const expr of this.literal(t.start, fStringFields, t.text)) fields.push(this.field(expr, t));
        parts.push({ value: '', bytes: false });
      } else {
        parts.push(this.literal(t.start, stringLiteral, t.text));
      }
    }
    const value = this.literal(start, joinStrings, parts);
    if (formatted) return this.other('JoinedStr', start, fields);
    return { kind: 'Constant', value };
  }

  /** An f-string field's expression, parsed as CPython 3.11 does: in parentheses, errors prefixed "f-string: ". */
  private field(expr: string, t: Token): PyNode {
    try {
      return new Parser(`(${expr})`, this.shared, this.depth).parseEval();
    } catch (err) {
      if (err instanceof ParseError) throw new ParseError(err.message.startsWith('f-string') ? err.message : `f-string: ${err.message}`, t.start);
      throw err;
    }
  }

  // --- displays -----------------------------------------------------------------------------

  /** `*x` or a named expression: an element of a list, tuple or set. */
  private starNamed(): PyNode {
    if (!this.accept('*')) return this.namedExpression();
    const value = this.binary();
    return this.made({ kind: 'Starred', value }, [value]);
  }

  /** `x := value` or an expression. */
  private namedExpression(): PyNode {
    if (!this.isWalrus()) return this.expression();
    const start = this.take().start;
    this.advance();
    const value = this.expression();
    return this.other('NamedExpr', start, [value]);
  }

  /** Elements after the first, up to the closing bracket. */
  private rest(first: PyNode, closer: string): PyNode[] {
    const elts = [first];
    while (this.accept(',') && !this.is(closer)) elts.push(this.starNamed());
    this.expect(closer);
    return elts;
  }

  /** `(…)`: a group, a tuple, a generator or a yield. */
  private parenthesized(): PyNode {
    const start = this.take().start;
    if (this.accept(')')) return { kind: 'Tuple', elts: [] };
    if (this.is('yield')) {
      const node = this.yieldExpression();
      this.expect(')');
      return node;
    }
    const firstAt = this.tok.start;
    const first = this.starNamed();
    if (this.isComprehension()) return this.closed(this.comprehension('GeneratorExp', start, [first]), ')');
    if (this.is(',')) {
      const elts = this.rest(first, ')');
      return this.made({ kind: 'Tuple', elts }, elts);
    }
    if (first.kind === 'Starred') throw this.fail('cannot use starred expression here', firstAt);
    this.expect(')');
    return first;
  }

  private yieldExpression(): PyNode {
    const start = this.take().start;
    if (this.accept('from')) return this.other('YieldFrom', start, [this.expression()]);
    if (this.is(')')) return this.other('Yield', start, []);
    const first = this.starNamed();
    const parts = [first];
    while (this.accept(',') && !this.is(')')) parts.push(this.starNamed());
    return this.other('Yield', start, parts);
  }

  private list(): PyNode {
    const start = this.take().start;
    if (this.accept(']')) return { kind: 'List', elts: [] };
    const first = this.starNamed();
    if (this.isComprehension()) return this.closed(this.comprehension('ListComp', start, [first]), ']');
    const elts = this.rest(first, ']');
    return this.made({ kind: 'List', elts }, elts);
  }

  /** `{…}`: a dict, a set, or their comprehensions. */
  private braces(): PyNode {
    const start = this.take().start;
    if (this.accept('}')) return { kind: 'Dict', keys: [], values: [] };
    if (this.is('**')) return this.dict(start);
    if (this.is('*') || this.isWalrus()) return this.set(start, this.starNamed());
    const first = this.expression();
    return this.accept(':') ? this.dict(start, first) : this.set(start, first);
  }

  private set(start: number, first: PyNode): PyNode {
    if (this.isComprehension()) return this.closed(this.comprehension('SetComp', start, [first]), '}');
    const elts = this.rest(first, '}');
    return this.made({ kind: 'Set', elts }, elts);
  }

  /** A dict display; `firstKey` when its first key and `:` are already read. */
  private dict(start: number, firstKey?: PyNode): PyNode {
    const keys: Array<PyNode | null> = [];
    const values: PyNode[] = [];
    this.dictEntry(keys, values, firstKey);
    if (this.isComprehension()) {
      if (keys[0] === null) throw this.fail('dict unpacking cannot be used in dict comprehension', start);
      return this.closed(this.comprehension('DictComp', start, [keys[0]!, values[0]!]), '}');
    }
    while (this.accept(',') && !this.is('}')) this.dictEntry(keys, values);
    this.expect('}');
    return this.made({ kind: 'Dict', keys, values }, [...keys, ...values]);
  }

  /** `key: value` or `**mapping`; `key` when it and its `:` are already read. */
  private dictEntry(keys: Array<PyNode | null>, values: PyNode[], key?: PyNode): void {
    if (key === undefined && this.accept('**')) {
      keys.push(null);
      values.push(this.binary());
      return;
    }
    if (key === undefined) {
      key = this.expression();
      this.expect(':');
    }
    keys.push(key);
    values.push(this.expression());
  }

  /** `node`, once its closing bracket is read. */
  private closed(node: PyNode, closer: string): PyNode {
    this.expect(closer);
    return node;
  }

  /** `for … in … if …` clauses after a comprehension's element. */
  private comprehension(className: string, start: number, element: PyNode[]): PyNode {
    if (element[0]!.kind === 'Starred') throw this.fail('iterable unpacking cannot be used in comprehension', start);
    const parts = [...element];
    while (this.isComprehension()) {
      this.accept('async');
      this.expect('for');
      parts.push(this.targets());
      this.expect('in');
      parts.push(this.boolOp('or'));
      while (this.accept('if')) parts.push(this.boolOp('or'));
    }
    return this.other(className, start, parts);
  }

  /** A comprehension's `for` targets: `x`, `x, y`, `(a, b)`, `*rest`. */
  private targets(): PyNode {
    const first = this.target();
    if (!this.is(',')) return first;
    const elts = [first];
    while (this.accept(',') && !this.is('in')) elts.push(this.target());
    return this.made({ kind: 'Tuple', elts }, elts);
  }

  private target(): PyNode {
    const at = this.tok.start;
    if (this.accept('*')) {
      this.enter();
      const value = this.leave(this.target());
      return this.made({ kind: 'Starred', value }, [value]);
    }
    const node = this.binary();
    const bad = unassignable(node);
    if (bad) throw this.fail(`cannot assign to ${bad}`, at);
    return node;
  }

  // --- calls, subscripts, lambdas -----------------------------------------------------------

  /** `func(…)` with Python's rules on the order of positional, keyword and unpacked arguments. */
  private call(func: PyNode): PyNode {
    this.advance();
    const call: CallNode = { kind: 'Call', func, args: [], keywords: [] };
    const order: ArgumentOrder = { keyword: false, kwargs: false, generator: false };
    while (!this.is(')') && this.argument(call, order) && this.accept(',')) continue;
    this.expect(')', order.generator ? 'Generator expression must be parenthesized' : undefined);
    return this.made(call, [func].concat(call.args, call.keywords.map(keywordValue)));
  }

  /** One argument of `call`; false after a generator, which must be the only one. */
  private argument(call: CallNode, order: ArgumentOrder): boolean {
    const at = this.tok.start;
    if (this.accept('*')) {
      if (order.kwargs) throw this.fail('iterable argument unpacking follows keyword argument unpacking', at);
      const value = this.expression();
      call.args.push(this.made({ kind: 'Starred', value }, [value]));
    } else if (this.accept('**')) {
      call.keywords.push({ arg: null, value: this.expression() });
      order.kwargs = true;
    } else if (this.tok.kind === 'name' && this.peek().kind === 'op' && this.peek().text === '=') {
      call.keywords.push(this.keyword());
      order.keyword = true;
    } else {
      return this.positional(call, order, at);
    }
    return true;
  }

  private positional(call: CallNode, order: ArgumentOrder, at: number): boolean {
    const arg = this.namedExpression();
    if (this.is('=')) throw this.fail('expression cannot contain assignment, perhaps you meant "=="?', at);
    if (this.isComprehension()) {
      if (call.args.length + call.keywords.length > 0) throw this.fail('Generator expression must be parenthesized', at);
      call.args.push(this.comprehension('GeneratorExp', at, [arg]));
      order.generator = true;
      return false;
    }
    // A repeated keyword is a compile-time error, which ast.parse does not raise.
    if (order.kwargs) throw this.fail('positional argument follows keyword argument unpacking', at);
    if (order.keyword) throw this.fail('positional argument follows keyword argument', at);
    call.args.push(arg);
    return true;
  }

  private keyword(): Keyword {
    const name = this.take();
    if (CONSTANTS.has(name.text)) throw this.fail(`cannot assign to ${name.text}`, name.start);
    if (KEYWORDS.has(name.text)) throw this.fail('invalid syntax', name.start);
    this.advance();
    return { arg: identifier(name.text), value: this.expression() };
  }

  /** `x[i]`, `x[i, j]` (a tuple) or `x[1:2]` (a slice, kept as text: BFCL only prints it). */
  private subscript(value: PyNode): PyNode {
    this.take();
    const first = this.sliceItem();
    let slice = first;
    // `x[*a]` is a tuple of one, as `x[a,]` is.
    if (this.is(',') || first.kind === 'Starred') {
      const elts = [first];
      while (this.accept(',') && !this.is(']')) elts.push(this.sliceItem());
      slice = this.made({ kind: 'Tuple', elts }, elts);
    }
    this.expect(']');
    return this.made({ kind: 'Subscript', value, slice }, [value, slice]);
  }

  private sliceItem(): PyNode {
    const start = this.tok.start;
    if (this.accept('*')) {
      const value = this.expression();
      return this.made({ kind: 'Starred', value }, [value]);
    }
    if (this.isWalrus()) return this.namedExpression();
    const parts: PyNode[] = [];
    if (!this.is(':')) {
      const lower = this.expression();
      if (!this.is(':')) return lower;
      parts.push(lower);
    }
    for (let colons = 0; colons < 2 && this.accept(':'); colons++) {
      if (!this.is(':') && !this.is(',') && !this.is(']')) parts.push(this.expression());
    }
    return this.other('Slice', start, parts);
  }

  private lambda(): PyNode {
    const start = this.take().start;
    const defaults = this.lambdaParameters();
    this.expect(':');
    this.enter();
    const body = this.leave(this.expression());
    return this.made({ kind: 'Lambda', body, source: this.source.slice(start, this.prevEnd) }, [body, ...defaults]);
  }

  /** `a, b=1, /, *args, c, **kw`, checked as Python checks them; returns the defaults. */
  private lambdaParameters(): PyNode[] {
    const defaults: PyNode[] = [];
    let count = 0;
    let slash = false;
    let star = false;
    let bareStar = false;
    let kwargs = false;
    while (!this.is(':')) {
      const at = this.tok.start;
      if (kwargs) throw this.fail('arguments cannot follow var-keyword argument', at);
      if (this.accept('/')) {
        if (slash || star || count === 0) throw this.fail('invalid syntax', at);
        slash = true;
      } else if (this.accept('**')) {
        this.parameterName();
        kwargs = true;
      } else if (this.accept('*')) {
        if (star) throw this.fail('* argument may appear only once', at);
        star = true;
        bareStar = !this.isName();
        if (!bareStar) this.advance();
      } else {
        this.parameterName();
        count++;
        bareStar = false;
        if (this.accept('=')) defaults.push(this.expression());
        else if (defaults.length > 0 && !star) throw this.fail('non-default argument follows default argument', at);
      }
      if (!this.accept(',')) break;
    }
    if (bareStar) throw this.fail('named arguments must follow bare *');
    return defaults;
  }

  private parameterName(): void {
    if (!this.isName()) throw this.fail();
    this.advance();
  }
}

type CallNode = Extract<PyNode, { kind: 'Call' }>;

/** What a call's arguments so far allow next. */
interface ArgumentOrder {
  keyword: boolean;
  kwargs: boolean;
  generator: boolean;
}

function keywordValue(keyword: Keyword): PyNode {
  return keyword.value;
}

/** What an assignment target may not be, as Python names it; undefined when it is assignable. */
function unassignable(node: PyNode): string | undefined {
  switch (node.kind) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return undefined;
    case 'Starred':
      return unassignable(node.value);
    case 'List':
    case 'Tuple':
      for (const elt of node.elts) {
        const bad = unassignable(elt);
        if (bad) return bad;
      }
      return undefined;
    case 'Constant':
      return 'literal';
    case 'Call':
      return 'function call';
    default:
      return 'expression';
  }
}
