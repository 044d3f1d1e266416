export * from './quickRunCase.js';
export * from './cleanRow.js';
