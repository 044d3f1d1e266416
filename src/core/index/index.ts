/**
 * The index of every result in a set of folders: discovery, the entries, the tree, filters and flips.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { BfclQuestionText } from './bfclQuestions.js';
export { discoverSources, type FoundSource } from './discover.js';
export { innermostFolderOf, isWithin } from './folders.js';
export type { IndexEntry } from './entries.js';
export { describeFilter, type EntryFilter, entryKey, shortSampleLabel, type EntryNode, type GroupNode, ResultIndex, type TreeNode } from './resultIndex.js';
export { discoverPath } from './discover.js';
