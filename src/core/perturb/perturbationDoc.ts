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
  ].join('\n');
}
