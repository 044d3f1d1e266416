export * from './problems.js';
export * from './jsonl.js';
export * from './bfcl.js';
export * from './robustbench.js';
