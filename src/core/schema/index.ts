export * from './json.js';
export * from './tools.js';
export * from './case.js';
export * from './bfcl.js';
