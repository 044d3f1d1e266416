export * from './entries.js';
export * from './discover.js';
export * from './loadSources.js';
export * from './resultIndex.js';
