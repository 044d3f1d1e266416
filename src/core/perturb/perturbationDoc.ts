import { PAPER_DIFFERENCES } from './paperDifferences.js';
import { PERTURBATIONS, type PerturbationSpec } from './registry.js';

/** Where the generated table lives and how to regenerate it. */
export const PERTURBATION_DOC_PATH = 'docs/perturbations.md';
export const PERTURBATION_DOC_COMMAND = 'npx tsx scripts/gen-perturbation-docs.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function kindOf(spec: PerturbationSpec): string {
  return spec.variants.length ? `${spec.kind} (+${spec.variants.join(', ')})` : spec.kind;
}

function differences(specs: readonly PerturbationSpec[]): string[] {
  const rows = specs.map((p) => {
    const d = PAPER_DIFFERENCES[p.id];
    return `| \`${p.id}\` | ${cell(d.differs)} | ${cell(d.why)} | ${cell(d.reproduce ?? 'no option: the authors’ behaviour would give wrong labels')} |`;
  });
  return [
    '## Differences from the paper’s release',
    '',
    'Compared with the authors’ generator code and with their runner (`scripts/run_eval.py`, as audited by a third party).',
    '`robustlens run --protocol paper`, the default, sends cases as the official runner does: tools',
    'in the prompt (no native `tools`), temperature 0.001, max_tokens 1024, multi-turn rows skipped and counted, one',
    'request per static case, two passes for a fault. Its prompt template per source is not published: BFCL rows get',
    'BFCL’s own Python-list prompt and other rows the `<tool_call>` JSON format ToolRL trains on. Every record and the',
    'run’s `<out>.manifest.json` name the protocol, and `robustlens compare` flags runs of different protocols.',
    '',
    '| id | what RobustLens does | why | to reproduce the authors |',
    '|----|----------------------|-----|--------------------------|',
    ...rows,
  ];
}

/** `docs/perturbations.md`: the registry as a table, so the docs cannot drift from the code. */
export function renderPerturbationDoc(specs: readonly PerturbationSpec[] = PERTURBATIONS): string {
  const rows = specs.map((p, i) => {
    const g = p.grounding;
    const link = `[${g.repo}#${g.number}](${g.url}) (${g.kind}, ${g.date}): “${g.title}” — ${g.note}`;
    return `| ${i + 1} | \`${p.id}\` | ${p.component} | ${kindOf(p)} | ${cell(p.description)} | ${cell(p.correctBehaviour)} | ${cell(link)} |`;
  });
  return [
    '# Perturbation types',
    '',
    `<!-- Generated from src/core/perturb/registry.ts by \`${PERTURBATION_DOC_COMMAND}\`; do not edit by hand. -->`,
    '',
    'The 22 RobustBench-TC perturbation types. Static types (rule, llm) are written by `robustlens perturb`;',
    'runtime types are faults injected on the second pass of `robustlens run`. Each is grounded in a real',
    'report of the same failure in production tool calling.',
    '',
    '| # | id | component | kind | description | correct behaviour | grounding |',
    '|---|----|-----------|------|-------------|-------------------|-----------|',
    ...rows,
    '',
    ...differences(specs),
    '',
  ].join('\n');
}
