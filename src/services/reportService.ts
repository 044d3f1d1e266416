import * as vscode from 'vscode';
import type { Report, RunComparison } from '../common/reportData.js';
import { PERTURBATION_IDS } from '../core/perturb/index.js';
import type { IndexEntry } from '../core/index/index.js';
import { buildReport, collectFromEntries, compareRuns, countTagsBySplit, outcomesByRun, readReportAssets, renderHtmlReport, renderMarkdownComparison, renderMarkdownReport, runKey, type Outcome } from '../core/report/index.js';
import type { DashboardRun } from '../protocol.js';
import type { ResultsService } from './resultsService.js';
import type { TagService } from './tagService.js';

/** The bootstrap seed of the dashboard's intervals: the CLI's default, so both show the same figures. */
export const REPORT_SEED = 42;

interface Snapshot {
  report: Report;
  runs: DashboardRun[];
  outcomes: Map<string, Outcome[]>;
}

/**
 * The robustness report of everything the Results view holds, built from the index (BFCL runs
 * with BFCL's own verdicts) and the tags, on first use and again after the results change; a tag
 * change recounts only the tags.
 */
export class ReportService implements vscode.Disposable {
  private snapshot: Snapshot | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The results changed: the report is rebuilt when next asked for. */
  readonly onDidChange = this.changed.event;

  private readonly subscriptions: vscode.Disposable[];
  /** A tag changed since the snapshot: only its tag counts are stale, not the profiles. */
  private tagsStale = false;

  constructor(
    private readonly results: ResultsService,
    tags: TagService,
    private readonly assetsDir: string,
  ) {
    this.subscriptions = [
      results.onDidChange(() => {
        this.snapshot = undefined;
        this.changed.fire();
      }),
      tags.onDidChange(() => {
        this.tagsStale = true;
        this.changed.fire();
      }),
    ];
  }

  async current(): Promise<Snapshot> {
    await this.results.ready();
    const index = this.results.index;
    const tagsOf = (e: IndexEntry) => index.tags(e);
    if (!this.snapshot) {
      this.tagsStale = false;
      const collected = collectFromEntries(index.entries(), undefined, tagsOf);
      const report = buildReport(collected, { seed: REPORT_SEED, splitOrder: PERTURBATION_IDS });
      this.snapshot = {
        report,
        runs: report.runs.map((r) => ({ key: runKey(r), label: `${r.model} · ${r.run}` })),
        outcomes: outcomesByRun(collected.outcomes),
      };
    } else if (this.tagsStale) {
      // A tag keystroke recounts the tags; the profiles and their bootstrap stay as they are.
      this.tagsStale = false;
      this.snapshot = { ...this.snapshot, report: { ...this.snapshot.report, tags: countTagsBySplit(index.entries(), tagsOf) } };
    }
    return this.snapshot;
  }

  /** Two runs (by report key) compared case by case. */
  async compare(a: string, b: string): Promise<RunComparison> {
    const { outcomes } = await this.current();
    const left = outcomes.get(a);
    const right = outcomes.get(b);
    if (!left || !right) throw new Error('that run is no longer in the results');
    return compareRuns(left, right, PERTURBATION_IDS);
  }

  /** The report as the CLI writes it: one self-contained HTML page, or Markdown. */
  async exportText(format: 'html' | 'md', comparisons: readonly RunComparison[]): Promise<string> {
    const { report } = await this.current();
    const markdown = [renderMarkdownReport(report), ...comparisons.map(renderMarkdownComparison)].join('\n');
    if (format === 'md') return markdown;
    return renderHtmlReport({ report, comparisons: [...comparisons] }, await readReportAssets(this.assetsDir), markdown);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
