import { lostEntity } from './entities.js';
import type { RewriteCache } from './rewriteCache.js';

export interface RewriteRequest {
  /** What to do with the text, constraints included. */
  instruction: string;
  text: string;
  /** 1 for the first try; a retry after a rejected rewrite counts up. */
  attempt: number;
}

/**
 * The port LLM-based perturbations rewrite text through: the user's own model behind it.
 * `id` names the model; it is part of the cache key, so a different model never reuses
 * another's rewrites.
 */
export interface Rewriter {
  id: string;
  rewrite(request: RewriteRequest, signal?: AbortSignal): Promise<string>;
}

export interface RewriteContext {
  rewriter: Rewriter;
  cache: RewriteCache;
  /** Tries per text before the case is skipped; 3 unless set. */
  maxAttempts?: number;
  signal?: AbortSignal;
}

/** Strips what chat models wrap answers in: code fences and a pair of quotes the input did not have. */
export function cleanRewrite(output: string, original: string): string {
  let text = output.trim();
  const fenced = /^```[\w-]*\n([\s\S]*?)\n?```$/.exec(text);
  if (fenced) text = fenced[1]!.trim();
  const quoted = /^(["“'])([\s\S]*)(["”'])$/.exec(text);
  if (quoted && !/^["“']/.test(original.trim())) text = quoted[2]!.trim();
  return text;
}

/**
 * The numbers of a text in order. Thousands separators ("1,000", "1 000") are dropped first, so
 * regrouping digits is no change; a decimal point is kept, so 3.5 stays apart from 35.
 */
function numbersIn(text: string): string[] {
  const ungrouped = text.replace(/(?<![\d.,])\d{1,3}([,\u00a0\u202f\u2009 ])\d{3}(?:\1\d{3})*(?!\d|,\d)/g, (m) => m.replace(/\D/g, ''));
  return ungrouped.match(/\d+(?:\.\d+)?/g) ?? [];
}

/** Why the numbers of a rewrite differ from the original's: another value, count or order. */
function numbersProblem(original: string, rewrite: string): string | undefined {
  const before = numbersIn(original);
  const after = numbersIn(rewrite);
  if (before.join(' ') === after.join(' ')) return undefined;
  const shown = `(${before.join(', ') || 'none'} → ${after.join(', ') || 'none'})`;
  // The order matters too: "between 1 and 1000" is not "between 1000 and 1".
  const reordered = [...before].sort().join(' ') === [...after].sort().join(' ');
  return reordered ? `the numbers changed order ${shown}` : `the numbers changed ${shown}`;
}

export interface RewriteChecks {
  /** Strings that must survive (case aside) where the original has them: golden argument values. */
  keep: readonly string[];
  /** Largest relative change of length allowed, e.g. 0.3; no limit when absent. */
  lengthTolerance?: number;
}

/**
 * Why a rewrite is not acceptable, or undefined when it is: empty, identical to the input,
 * its numbers not those of the input in the same order, a kept string or an entity of the
 * input (name, quoted text, date, URL, e-mail address; case aside) dropped or changed, or a
 * length far off the target.
 */
export function checkRewrite(original: string, rewrite: string, checks: RewriteChecks): string | undefined {
  if (rewrite.trim() === '') return 'the rewrite is empty';
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (squash(rewrite) === squash(original)) return 'the rewrite is identical to the input';
  const numbers = numbersProblem(original, rewrite);
  if (numbers) return numbers;
  const lowerOriginal = original.toLowerCase();
  const lowerRewrite = rewrite.toLowerCase();
  for (const value of checks.keep) {
    const v = value.toLowerCase();
    if (v.length >= 2 && lowerOriginal.includes(v) && !lowerRewrite.includes(v)) return `"${value}" was dropped or changed`;
  }
  const lost = lostEntity(original, rewrite);
  if (lost) return `the ${lost.kind} "${lost.text}" was dropped or changed`;
  if (checks.lengthTolerance !== undefined && original.length > 0) {
    const ratio = rewrite.length / original.length;
    if (Math.abs(ratio - 1) > checks.lengthTolerance) {
      return `the length changed by ${Math.round((ratio - 1) * 100)}% (at most ±${Math.round(checks.lengthTolerance * 100)}%)`;
    }
  }
  return undefined;
}

export interface RewriteJob {
  /** Perturbation type, sample id and seed: with the model and the input, the cache key. */
  type: string;
  rowId: string;
  seed: number;
  instruction: string;
  text: string;
  /** Why a cleaned rewrite is rejected, or undefined to accept it. */
  validate: (rewrite: string) => string | undefined;
}

export type RewriteOutcome = { ok: true; text: string; attempts: number } | { ok: false; reason: string };

/**
 * One validated rewrite: from the cache when this job was done before (a rejection included,
 * so a rerun reproduces a dataset exactly), else from the rewriter, retried with the reason of
 * each rejection until `maxAttempts`. A rewriter that fails (network, HTTP) throws: that is not
 * a property of the sample and is not cached.
 */
export async function rewriteText(ctx: RewriteContext, job: RewriteJob): Promise<RewriteOutcome> {
  const key = ctx.cache.keyOf({ type: job.type, id: job.rowId, seed: job.seed, model: ctx.rewriter.id, instruction: job.instruction, text: job.text });
  const hit = ctx.cache.get(key.key);
  if (hit) return hit.output === null ? { ok: false, reason: hit.reason ?? 'rejected' } : { ok: true, text: hit.output, attempts: hit.attempts };
  const maxAttempts = ctx.maxAttempts ?? 3;
  let reason = 'no attempt was made';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const instruction = attempt === 1 ? job.instruction : `${job.instruction}\n\nYour previous answer was rejected: ${reason}. Try again.`;
    const raw = await ctx.rewriter.rewrite({ instruction, text: job.text, attempt }, ctx.signal);
    const text = cleanRewrite(raw, job.text);
    const rejected = job.validate(text);
    if (rejected === undefined) {
      await ctx.cache.put({ ...key, output: text, attempts: attempt });
      return { ok: true, text, attempts: attempt };
    }
    reason = rejected;
  }
  const final = `rewrite rejected ${maxAttempts} time(s); last: ${reason}`;
  await ctx.cache.put({ ...key, output: null, reason: final, attempts: maxAttempts });
  return { ok: false, reason: final };
}
