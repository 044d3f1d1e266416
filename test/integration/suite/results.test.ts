import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { GroupNode } from '../../../src/core/index/index.js';
import { bfclFlips, bfclRunVerdicts } from '../../support/bfclScoreVerdicts.js';
import type { RobustLensApi } from '../../../src/extension.js';

const EXTENSION_ID = 'robustlens.robustlens';

async function api(): Promise<RobustLensApi> {
  const extension = vscode.extensions.getExtension<RobustLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** The shared BFCL runs, next to the repository (absent on a machine without ../shared). */
function sharedRuns(extensionPath: string): string {
  return resolve(extensionPath, '..', 'shared', 'data', 'bfcl-results');
}

suite('results and inspector', () => {
  let robustlens: RobustLensApi;
  let runs: string;

  suiteSetup(async () => {
    robustlens = await api();
    runs = sharedRuns(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath);
  });

  test('the workspace fixture is indexed: run → model → category with BFCL’s counts', async () => {
    await robustlens.results.ready();
    const roots = robustlens.tree.getChildren() as GroupNode[];
    const run = roots.find((r) => r.label === 'bfcl-run');
    assert.ok(run, `runs: ${roots.map((r) => r.label).join(', ')}`);
    const category = (run.children[0] as GroupNode).children[0] as GroupNode;
    assert.equal(category.label, 'simple_python');
    assert.deepEqual(category.counts, { total: 4, pass: 1, fail: 3, unscored: 0, cleanPass: 0, cleanFail: 0 });
    const item = robustlens.tree.getTreeItem(category);
    assert.match(String(item.description), /25\.0% · 1\/4 · 3 failed/);
  });

  test('adding the shared BFCL runs lists both with BFCL’s accuracy per category', async function () {
    if (!existsSync(runs)) return this.skip();
    await vscode.workspace.getConfiguration('robustlens').update('resultsFolders', [runs], vscode.ConfigurationTarget.Global);
    await robustlens.results.reload();
    const labels = (robustlens.tree.getChildren() as GroupNode[]).map((r) => r.label);
    assert.ok(labels.includes('v0.10.2') && labels.includes('v0.11.0'), labels.join(', '));
    const v011 = (robustlens.tree.getChildren() as GroupNode[]).find((r) => r.label === 'v0.11.0')!;
    const categories = (v011.children[0] as GroupNode).children as GroupNode[];
    const multiple = categories.find((c) => c.label === 'multiple')!;
    assert.deepEqual([multiple.counts.pass, multiple.counts.total], [174, 200]);
    // Multi-turn too, as BFCL's score file has it (80/200 in v0.11.0), and its repeated warnings fold into one entry per file.
    const missFunc = categories.find((c) => c.label === 'multi_turn_miss_func')!;
    assert.deepEqual([missFunc.counts.pass, missFunc.counts.total], [80, 200]);
    const ours = vscode.languages.getDiagnostics().filter(([uri]) => uri.fsPath.startsWith(runs));
    assert.ok(ours.length > 0, 'the shared runs have integers beyond 2^53 to warn about');
    for (const [uri, list] of ours) assert.equal(list.filter((d) => d.source === 'RobustLens').length, 1, `${uri.fsPath}: ${list.map((d) => d.message).join(' | ')}`);
    assert.ok(ours.some(([, list]) => list.some((d) => /\(and \d+ more like it on lines /.test(d.message))));
  });

  test('the flipped-between-runs filter lists exactly the ids whose verdict BFCL’s score files disagree on', async function () {
    if (!existsSync(runs)) return this.skip();
    await vscode.commands.executeCommand('robustlens.filterFlippedBetweenRuns', true);
    const listed = new Set<string>();
    const walk = (nodes: ReturnType<typeof robustlens.tree.getChildren>) => {
      for (const n of nodes) {
        if (n.kind === 'entry') listed.add(`${n.entry.run}/${n.entry.split}/${n.entry.id}`);
        else walk(n.children);
      }
    };
    walk(robustlens.tree.getChildren());
    const expected = new Set<string>();
    for (const [category, { passToFail, failToPass }] of bfclFlips(bfclRunVerdicts(join(runs, 'v0.10.2')), bfclRunVerdicts(join(runs, 'v0.11.0')))) {
      for (const id of [...passToFail, ...failToPass]) for (const run of ['v0.10.2', 'v0.11.0']) expected.add(`${run}/${category}/${id}`);
    }
    assert.ok(expected.size > 0);
    assert.deepEqual([...listed].sort(), [...expected].sort());
    await vscode.commands.executeCommand('robustlens.clearFilters');
  });

  test('searching "weather" finds passing BFCL samples too, with their question text', async function () {
    if (!existsSync(runs)) return this.skip();
    await vscode.commands.executeCommand('robustlens.searchResults', 'weather');
    const found: Array<{ split: string; verdict: string; prompt: string }> = [];
    const walk = (nodes: ReturnType<typeof robustlens.tree.getChildren>) => {
      for (const n of nodes) {
        if (n.kind === 'entry') found.push(n.entry);
        else walk(n.children);
      }
    };
    walk(robustlens.tree.getChildren());
    const passing = found.filter((e) => e.split === 'live_simple' && e.verdict === 'pass');
    assert.ok(passing.length >= 5, `${passing.length} passing live_simple samples about the weather`);
    assert.ok(passing.every((e) => /weather/i.test(e.prompt)));
    await vscode.commands.executeCommand('robustlens.clearFilters');
  });

  test('opening the inspector completes the webview’s ready handshake', async () => {
    await vscode.commands.executeCommand('robustlens.openInspector');
    const panel = robustlens.inspector();
    assert.ok(panel, 'no inspector panel');
    await Promise.race([panel.whenReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('the webview never sent ready')), 30_000))]);
    assert.ok(panel.currentKey);
  });

  test('next failure moves the inspector to another failed sample', async () => {
    const panel = robustlens.inspector()!;
    const before = panel.currentKey;
    await vscode.commands.executeCommand('robustlens.nextFailure');
    const entry = robustlens.results.index.get(panel.currentKey!);
    assert.notEqual(panel.currentKey, before);
    assert.equal(entry?.verdict, 'fail');
  });
});
