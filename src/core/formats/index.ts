export * from './problems.js';
export * from './jsonl.js';
export * from './lineScanner.js';
export * from './bfcl.js';
export * from './robustbench.js';
