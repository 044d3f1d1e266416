import type { Report, RunReport } from '../../common/reportData.js';
import { bfclSummary } from './bfclSummary.js';
import type { Collected } from './collect.js';
import { outcomesByRun, protocolOf, runKey } from './outcome.js';
import { profileRun, type ProfileOptions } from './profile.js';

/** The report over everything collected: one entry per (run, model), in the order found. */
export function buildReport(collected: Collected, options: ProfileOptions): Report {
  const runs = [...outcomesByRun(collected.outcomes).values()].map((outcomes): RunReport => {
    const key = runKey(outcomes[0]!);
    const profile = profileRun(outcomes, options);
    const categories = collected.categories.get(key) ?? [];
    return {
      run: profile.run,
      model: profile.model,
      protocol: protocolOf(outcomes),
      splits: profile.splits,
      components: profile.components,
      aggregate: profile.aggregate?.accuracy ?? null,
      aggregateCi: profile.aggregate?.ci ?? null,
      aggregateDrop: profile.aggregate?.drop ?? null,
      retention: profile.retention ?? null,
      categories,
      bfclSummary: bfclSummary(new Map(categories.map((c) => [c.category, c]))),
    };
  });
  return { seed: options.seed, runs, tags: collected.tags };
}
