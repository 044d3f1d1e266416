import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { stat } from 'node:fs/promises';
import { collectProblems, formatProblem } from '../core/formats/index.js';
import { discoverSources, ResultIndex } from '../core/index/index.js';
import { countTags, journalOf, labelledSample, type TaggedEntry, type TagGrouping, TagJournals, tagTargetOf } from '../core/tags/index.js';
import { safeCsvCell, safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { exitCodeOf } from './exitCodes.js';
import { renderTable } from './table.js';

interface TagsOptions {
  by: TagGrouping;
  export?: 'csv' | 'jsonl';
  journal?: string;
  json?: boolean;
}

export function registerTagsCommand(program: Command): void {
  program
    .command('tags')
    .description('Count tagged failures per category × perturbation type (or model), or export the labelled samples')
    .argument('<results...>', 'folders with results; each keeps its tags in <folder>/.robustlens/tags.jsonl, and all of them are read as one')
    .option('--by <grouping>', 'type | model | category', 'type')
    .option('--export <format>', 'csv | jsonl: print every labelled sample with its prompt, output and golden calls')
    .option('--journal <file>', 'read this tag journal instead of the ones next to the results')
    .option('--json', 'print the counts as JSON')
    .action(async (folders: string[], options: TagsOptions) => {
      if (!['type', 'model', 'category'].includes(options.by)) throw new UsageError(`--by must be type, model or category, not "${options.by}"`);
      if (options.export && !['csv', 'jsonl'].includes(options.export)) throw new UsageError(`--export must be csv or jsonl, not "${options.export}"`);
      for (const folder of folders) if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new UsageError(`${folder} is not a folder`);
      const { problems, sink } = collectProblems();
      const index = new ResultIndex();
      for (const folder of folders) for (const source of await discoverSources(folder)) await index.load(source, sink);
      const files = options.journal ? [options.journal] : [...new Set(folders.map(journalOf))];
      const journals = new TagJournals('cli');
      journals.setFiles(files);
      await journals.load(sink);
      const tagged: TaggedEntry[] = index
        .entries()
        .map((entry) => {
          const target = tagTargetOf(entry);
          const note = journals.noteOf(target);
          return { entry, tags: [...journals.tagsOf(target)].sort(), ...(note ? { note } : {}) };
        })
        .filter((t) => t.tags.length > 0 || t.note);
      for (const p of problems) console.error(formatProblem(p));
      // Counts over the lines that could be read; the others are reported, and the counts are not whole.
      process.exitCode = exitCodeOf(problems);
      if (options.export) return exportSamples(tagged, options.export);
      const table = countTags(tagged, options.by);
      if (options.json) return void process.stdout.write(`${safeJson(table, 2)}\n`);
      if (table.rows.length === 0) return void process.stdout.write(`no tags in ${files.map((f) => safeText(f)).join(', ')}\n`);
      const headers = ['category', ...table.columns, 'total'];
      process.stdout.write(`${renderTable(headers, table.rows.map((r) => [r.tag, ...table.columns.map((c) => r.counts[c] ?? 0), r.total]))}\n`);
    });
}

async function exportSamples(tagged: TaggedEntry[], format: 'csv' | 'jsonl'): Promise<void> {
  const samples = await Promise.all(tagged.map(labelledSample));
  if (format === 'jsonl') {
    for (const s of samples) process.stdout.write(`${safeJson(s)}\n`);
    return;
  }
  const columns = ['run', 'model', 'split', 'id', 'verdict', 'error_type', 'tags', 'note', 'prompt', 'output', 'golden'] as const;
  // Every cell is text from the results or the journal: escaped, and never a formula.
  const cell = (v: unknown) => safeCsvCell(typeof v === 'string' ? v : safeJson(v));
  process.stdout.write(stringify([[...columns], ...samples.map((s) => columns.map((c) => cell(c === 'tags' ? s.tags.join(';') : s[c])))]));
}
