import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERED_CATEGORIES, loadSharedRows, sharedBfclMissing } from '../../../test/support/sharedBfcl.js';
import { evalRow, type EvalRow, type ToolSpec } from '../schema/index.js';
import { duplicateOf, goldenTargets } from './duplicateGuard.js';
import { perturbByRule, STATIC_TYPES } from './engine.js';
import { goldenNames, goldenStrings } from './goldenTools.js';
import type { TypoEdit } from './realisticTypos.js';
import { PERTURBATIONS, type PerturbationId } from './registry.js';
import { abbreviate, COST_TAGS, TIME_TAGS } from './rewardLures.js';
import { ToolPool } from './toolPool.js';
import { lastUserQuery } from './userQuery.js';

const RULE_TYPES = STATIC_TYPES.filter((id) => PERTURBATIONS.find((p) => p.id === id)!.kind === 'rule');

type Case = { type: PerturbationId; clean: EvalRow; row: EvalRow };
let everyCase: Promise<Case[]> | undefined;

/** Every rule-based type applied to every row of every shared BFCL category that has answers (computed once). */
function perturbAll(): Promise<Case[]> {
  everyCase ??= computeAll();
  return everyCase;
}

async function computeAll(): Promise<Case[]> {
  const out: Case[] = [];
  for (const category of ANSWERED_CATEGORIES) {
    const rows = await loadSharedRows(category);
    const pool = new ToolPool();
    rows.forEach((r) => pool.addRow(r));
    for (const clean of rows) {
      for (const type of RULE_TYPES) {
        const result = perturbByRule(type, clean, { seed: 42, pool });
        if (result.ok) out.push({ type, clean, row: result.row });
        else assert.ok(result.reason.length > 0);
      }
    }
  }
  return out;
}

const toolNamed = (tools: readonly ToolSpec[], name: string) => tools.filter((t) => t.name === name);

test('property over all shared BFCL data: every perturbed row is a valid eval row that keeps the id and its golden answers right', { timeout: 120_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  const cases = await perturbAll();
  assert.ok(cases.length > 25_000, `${cases.length} cases`);
  for (const { type, clean, row } of cases) {
    const where = `${type} ${clean.id}`;
    assert.ok(evalRow.safeParse(row).success, where);
    assert.equal(row.id, clean.id, where);
    assert.equal(row.perturbation?.type, type, where);
    assert.equal(row.perturbation?.mdp_category, PERTURBATIONS.find((p) => p.id === type)!.component, where);
    const renamed = type.endsWith('_AB');
    assert.deepEqual(
      row.golden_answers,
      renamed ? clean.golden_answers.map((c) => ({ ...c, name: abbreviate(c.name) })) : clean.golden_answers,
      where,
    );
    for (const name of goldenNames(clean)) {
      const original = toolNamed(clean.tools, name)[0]!;
      const now = toolNamed(row.tools, renamed ? abbreviate(name) : name);
      assert.ok(now.some((tool) => JSON.stringify(tool.parameters) === JSON.stringify(original.parameters)), `${where}: golden tool ${name} keeps its schema`);
    }
  }
});

test('property over all shared BFCL data: typos never touch digits, quoted strings or golden argument values', { timeout: 120_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  let checked = 0;
  for (const { type, clean, row } of await perturbAll()) {
    if (type !== 'realistic_typos') continue;
    const before = lastUserQuery(clean)!.content;
    const after = row.conversation[lastUserQuery(clean)!.index]!.content!;
    const edits = (row.perturbation!.metadata as unknown as { edits: TypoEdit[] }).edits;
    assert.ok(edits.length >= 2 && edits.length <= 4, clean.id);
    assert.deepEqual(after.match(/\d/g), before.match(/\d/g), clean.id);
    const unwrapped = before.replace(/^"([^"]*)"$/, '$1'); // a query quoted as a whole
    for (const quoted of unwrapped.match(/"[^"\n]*"|`[^`\n]*`/g) ?? []) assert.ok(after.includes(quoted), `${clean.id}: ${quoted}`);
    const lower = after.toLowerCase();
    for (const value of goldenStrings(clean)) {
      if (value.length >= 2 && before.toLowerCase().includes(value.toLowerCase())) assert.ok(lower.includes(value.toLowerCase()), `${clean.id}: ${value}`);
    }
    assert.deepEqual(row.conversation.filter((_, i) => i !== lastUserQuery(clean)!.index), clean.conversation.filter((_, i) => i !== lastUserQuery(clean)!.index));
    checked++;
  }
  assert.ok(checked > 2000, `${checked} typo rows`);
});

test('property over all shared BFCL data: same-name distractors share the golden name exactly; reward tags and names are exact', { timeout: 120_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  for (const { type, clean, row } of await perturbAll()) {
    const golden = goldenNames(clean);
    if (type.startsWith('same_name_')) {
      const where = `${type} ${clean.id}`;
      const added = row.tools.slice(clean.tools.length);
      assert.deepEqual(row.tools.slice(0, clean.tools.length), clean.tools, `${where}: distractors come after every tool`);
      assert.equal(added.length, 'AB'.includes(type.slice(-1)) ? 1 : golden.length, where);
      assert.ok(added.every((tool) => golden.includes(tool.name)), where);
      assert.equal(new Set(added.map((tool) => tool.name)).size, added.length, `${where}: one distractor per golden tool at most`);
    }
    if (['CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB'].includes(type)) {
      const tags = type.startsWith('CD') ? COST_TAGS : TIME_TAGS;
      const suffix = type === 'CD' ? '_Budget' : type === 'TD' ? '_Fast' : '_1';
      for (const name of golden) {
        const gt = toolNamed(clean.tools, name)[0]!;
        const goldenNow = toolNamed(row.tools, type.endsWith('_AB') ? abbreviate(name) : name)[0]!;
        const lure = toolNamed(row.tools, `${name}${suffix}`)[0]!;
        assert.equal(goldenNow.description, gt.description + tags.golden);
        assert.equal(lure.description, gt.description + tags.distractor);
        assert.deepEqual(lure.parameters, { type: 'dict', properties: {} });
        assert.equal(row.tools.indexOf(lure) + 1, row.tools.indexOf(goldenNow), 'distractor right before its golden tool');
      }
    }
  }
});

/** Functional duplicates the unguarded `redundant` added on the shared data (issue 12), by clean row. */
const KNOWN_DUPLICATES: Record<string, string[]> = {
  bfcl_v4__BFCL_v4_multiple__multiple_0: ['math.triangle_area_heron'],
  bfcl_v4__BFCL_v4_multiple__multiple_11: ['solve_quadratic', 'solve_quadratic_equation', 'solve.quadratic_equation'],
  bfcl_v4__BFCL_v4_multiple__multiple_28: ['solve_quadratic', 'solve_quadratic_equation', 'math_roots.quadratic'],
};

test('property over all shared BFCL data: no tool `redundant` adds could satisfy a golden call of its row', { timeout: 120_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  const addedById = new Map<string, string[]>();
  const perCategory = new Map<string, number>();
  for (const { type, clean, row } of await perturbAll()) {
    if (type !== 'redundant') continue;
    const targets = goldenTargets(clean, clean.tools);
    const added = (row.perturbation!.metadata as unknown as { added: Array<{ index: number }> }).added.map((a) => row.tools[a.index]!);
    for (const tool of added) assert.equal(duplicateOf(tool, targets), undefined, `${clean.id}: ${tool.name}`);
    addedById.set(clean.id, added.map((tool) => tool.name));
    const category = clean.eval_config.category!;
    perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
  }
  // multiple_0 keeps a fair distractor (geometry.area_triangle takes base and height); every related tool of 11 and 28 solves quadratics.
  assert.deepEqual(addedById.get('bfcl_v4__BFCL_v4_multiple__multiple_0'), ['geometry.area_triangle']);
  for (const [id, duplicates] of Object.entries(KNOWN_DUPLICATES)) {
    assert.deepEqual((addedById.get(id) ?? []).filter((name) => duplicates.includes(name)), [], id);
  }
  assert.ok(!addedById.has('bfcl_v4__BFCL_v4_multiple__multiple_11') && !addedById.has('bfcl_v4__BFCL_v4_multiple__multiple_28'));
  t.diagnostic(`redundant rows: ${[...perCategory].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  // The guard leaves most rows a distractor (1417 rows before it, 1327 with it).
  assert.ok(addedById.size > 1250, JSON.stringify([...perCategory]));
});
