export * from './events.js';
export * from './journal.js';
export * from './taxonomy.js';
export * from './suggest.js';
export * from './tagStore.js';
export * from './report.js';
