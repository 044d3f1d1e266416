import type { PyValue } from './values.js';

/** Python's `...` literal, which BFCL turns into the string "...". */
export const ELLIPSIS = Symbol('Ellipsis');

export interface Keyword {
  /** null for `**kwargs`. */
  arg: string | null;
  value: PyNode;
}

/**
 * What evaluating the arithmetic of one parsed source may build, all BinOps together: each
 * source gets its own, so many small products cannot add up to a large one.
 */
export interface EvalBudget {
  /** Items (list, tuple and dict entries, characters) still allowed. */
  items: number;
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
  | { kind: 'BinOp'; op: string; left: PyNode; right: PyNode; budget: EvalBudget }
  | { kind: 'Lambda'; body: PyNode; source: string }
  | { kind: 'Other'; className: string; source: string };

/** The `ast` class name of a node, as `type(node).__name__` would print it. */
export function astClassName(node: PyNode): string {
  return node.kind === 'Other' ? node.className : node.kind;
}
