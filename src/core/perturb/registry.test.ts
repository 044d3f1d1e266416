import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { STATIC_TYPES } from './engine.js';
import { FAULT_TYPES } from './faults.js';
import { PAPER_DIFFERENCES } from './paperDifferences.js';
import { PERTURBATION_DOC_COMMAND, PERTURBATION_DOC_PATH, renderPerturbationDoc } from './perturbationDoc.js';
import { PERTURBATIONS, PERTURBATION_IDS, perturbationSpec } from './registry.js';

test('the registry holds the 22 RobustBench-TC types, in order, each once', () => {
  assert.deepEqual(PERTURBATIONS.map((p) => p.id), [...PERTURBATION_IDS]);
  assert.equal(new Set(PERTURBATION_IDS).size, 22);
  const byComponent = (c: string) => PERTURBATIONS.filter((p) => p.component === c).map((p) => p.id);
  assert.deepEqual(byComponent('observation'), ['realistic_typos', 'query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
  assert.deepEqual(byComponent('action'), ['same_name_A', 'same_name_B', 'same_name_C', 'same_name_D', 'same_name_E', 'redundant']);
  assert.deepEqual(byComponent('reward'), ['CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB']);
  assert.deepEqual(byComponent('transition'), [...FAULT_TYPES]);
  assert.equal(STATIC_TYPES.length, 16);
});

test('kinds: LLM rewriting for the paraphrases, runtime for faults, rules (typos and redundant with an LLM variant) for the rest', () => {
  for (const p of PERTURBATIONS) {
    const expected = p.component === 'transition' ? 'runtime' : p.id.includes('paraphrase') ? 'llm' : 'rule';
    assert.equal(p.kind, expected, p.id);
  }
  assert.deepEqual(PERTURBATIONS.filter((p) => p.variants.includes('llm')).map((p) => p.id), ['realistic_typos', 'redundant']);
});

test('every type has a description, a correct behaviour and a real GitHub grounding', () => {
  for (const p of PERTURBATIONS) {
    assert.ok(p.description.length > 20 && p.correctBehaviour.length > 20, p.id);
    const g = p.grounding;
    assert.match(g.repo, /^[\w.-]+\/[\w.-]+$/, p.id);
    assert.ok(Number.isInteger(g.number) && g.number > 0, p.id);
    assert.equal(g.url, `https://github.com/${g.repo}/${g.kind === 'issue' ? 'issues' : 'pull'}/${g.number}`, p.id);
    assert.match(g.date, /^\d{4}-\d{2}-\d{2}$/, p.id);
    assert.ok(g.title.length > 5 && g.note.length > 20, p.id);
  }
  // The paper's own citations, where they are known, are kept.
  assert.equal(perturbationSpec('realistic_typos').grounding.url, 'https://github.com/run-llama/llama_index/issues/7170');
  assert.equal(perturbationSpec('same_name_A').grounding.url, 'https://github.com/openai/openai-agents-python/issues/464');
  assert.equal(perturbationSpec('same_name_B').grounding.url, 'https://github.com/openai/openai-agents-python/issues/1167');
});

test(`${PERTURBATION_DOC_PATH} is generated from the registry and up to date (else run ${PERTURBATION_DOC_COMMAND})`, async () => {
  const committed = await readFile(PERTURBATION_DOC_PATH, 'utf8');
  assert.equal(committed, renderPerturbationDoc(), `stale: run ${PERTURBATION_DOC_COMMAND}`);
  for (const p of PERTURBATIONS) assert.ok(committed.includes(`\`${p.id}\``) && committed.includes(p.grounding.url), p.id);
});

test('every type says how it differs from the paper\'s release and why, and the docs carry it', () => {
  const doc = renderPerturbationDoc();
  assert.match(doc, /## Differences from the paper’s release/);
  for (const id of PERTURBATION_IDS) {
    const d = PAPER_DIFFERENCES[id];
    assert.ok(d.differs.length > 10 && d.why.length > 10, id);
    assert.ok(doc.includes(`| \`${id}\` | ${d.differs.replace(/\|/g, '\\|')}`), `${id} is in the section`);
  }
  for (const topic of [/TRANSITION_ERROR_MESSAGES/, /--abbreviation examples/, /donor whose parameters equal/, /--llm-variants realistic_typos/, /--protocol paper/]) assert.match(doc, topic);
});
