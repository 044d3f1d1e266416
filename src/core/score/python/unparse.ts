import { ELLIPSIS, type PyNode } from './ast.js';
import { pyRepr } from './repr.js';

// Operator precedence as in CPython's ast._Precedence, lowest first.
const Prec = { Test: 2, Or: 3, Not: 5, Cmp: 6, BOr: 7, BXor: 8, BAnd: 9, Shift: 10, Arith: 11, Term: 12, Factor: 13, Power: 14, Atom: 16 } as const;
type Prec = number;

const BINOP_PREC: Record<string, Prec> = {
  '|': Prec.BOr,
  '^': Prec.BXor,
  '&': Prec.BAnd,
  '<<': Prec.Shift,
  '>>': Prec.Shift,
  '+': Prec.Arith,
  '-': Prec.Arith,
  '*': Prec.Term,
  '/': Prec.Term,
  '//': Prec.Term,
  '%': Prec.Term,
  '@': Prec.Term,
  '**': Prec.Power,
};

function precedence(node: PyNode): Prec {
  switch (node.kind) {
    case 'BinOp':
      return BINOP_PREC[node.op] ?? Prec.Arith;
    case 'UnaryOp':
      return node.op === 'not' ? Prec.Not : Prec.Factor;
    case 'Lambda':
      return Prec.Test;
    case 'Other':
      return node.className === 'BoolOp' ? Prec.Or : node.className === 'Compare' ? Prec.Cmp : Prec.Test;
    default:
      return Prec.Atom;
  }
}

function at(node: PyNode, min: Prec): string {
  const text = unparse(node);
  return precedence(node) < min ? `(${text})` : text;
}

/**
 * Python's `ast.unparse` for the nodes BFCL unparses (calls without keywords, subscripts,
 * arithmetic). Nodes BFCL never unparses keep their source text.
 */
export function unparse(node: PyNode): string {
  switch (node.kind) {
    case 'Constant':
      return node.value === ELLIPSIS ? '...' : pyRepr(node.value);
    case 'Name':
      return node.id;
    case 'Attribute':
      return `${at(node.value, Prec.Atom)}.${node.attr}`;
    case 'Subscript':
      return `${at(node.value, Prec.Atom)}[${unparse(node.slice)}]`;
    case 'Call': {
      const parts = [...node.args.map(unparse), ...node.keywords.map((k) => (k.arg === null ? `**${unparse(k.value)}` : `${k.arg}=${unparse(k.value)}`))];
      return `${at(node.func, Prec.Atom)}(${parts.join(', ')})`;
    }
    case 'Starred':
      return `*${unparse(node.value)}`;
    case 'List':
      return `[${node.elts.map(unparse).join(', ')}]`;
    case 'Tuple':
      return node.elts.length === 1 ? `(${unparse(node.elts[0]!)},)` : `(${node.elts.map(unparse).join(', ')})`;
    case 'Set':
      return `{${node.elts.map(unparse).join(', ')}}`;
    case 'Dict':
      return `{${node.keys.map((k, i) => (k === null ? `**${unparse(node.values[i]!)}` : `${unparse(k)}: ${unparse(node.values[i]!)}`)).join(', ')}}`;
    case 'UnaryOp':
      return node.op === 'not' ? `not ${at(node.operand, Prec.Not)}` : `${node.op}${at(node.operand, Prec.Factor)}`;
    case 'BinOp': {
      const p = BINOP_PREC[node.op] ?? Prec.Arith;
      // `**` binds to the right, every other operator to the left.
      const [l, r] = node.op === '**' ? [p + 1, p] : [p, p + 1];
      return `${at(node.left, l)} ${node.op} ${at(node.right, r)}`;
    }
    case 'Lambda':
    case 'Other':
      return node.source;
  }
}
