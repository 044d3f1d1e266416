import type { EvalRow, ToolSpec } from '../schema/index.js';

/**
 * Lexical relatedness of two tools: the cosine of their TF-IDF vectors, where a tool's terms
 * are the words of its name (split at `.`, `_`, `-` and camelCase humps) and of its
 * description, lower-cased, without stop words, each counted once and weighted by its inverse
 * document frequency over the dataset's tools (so `calculate` or `get` weigh little).
 * On the shared BFCL data, from 0.25 up pairs share a subject (`algebra.quadratic_roots` ~
 * `solve_quadratic`: 0.28, `detailed_weather_forecast` ~ `weather_forecast.get`: 0.27); below
 * it unrelated tools creep in (`run_two_sample_ttest` ~ `game_of_life.play`: 0.20). From 0.6 up
 * they are the same tool under another name (`math.gcd` ~ `number_theory.gcd`: 0.79,
 * `book_flight` ~ `flight.book`: 0.76): not "related but different", so left out too.
 */
export const RELATED_MIN = 0.25;
export const RELATED_MAX = 0.6;

const STOP_WORDS = new Set(
  'a an and are as at be by can for from given if in into is it its of on or the this that to use used using will with which e g etc based provided specified'.split(' '),
);

export function toolTokens(tool: Pick<ToolSpec, 'name' | 'description'>): Set<string> {
  const text = `${tool.name.replace(/([a-z])([A-Z])/g, '$1 $2')} ${tool.description}`.toLowerCase();
  const out = new Set<string>();
  for (const word of text.match(/[a-z][a-z0-9]+/g) ?? []) if (!STOP_WORDS.has(word)) out.add(word);
  return out;
}

export interface RelatedTool {
  tool: ToolSpec;
  similarity: number;
  /** Id of the first row the tool was seen in. */
  source: string;
}

interface Entry {
  tool: ToolSpec;
  tokens: Set<string>;
  source: string;
}

/**
 * The tools of a whole dataset, one per name (the first seen wins), indexed by term so the
 * related tools of a golden tool are found without comparing it with every tool.
 */
export class ToolPool {
  private readonly entries: Entry[] = [];
  private readonly names = new Set<string>();
  private readonly postings = new Map<string, number[]>();
  /** Per entry, the length of its TF-IDF vector; recomputed when the pool grows. */
  private norms: number[] = [];
  private readonly memo = new Map<string, RelatedTool[]>();

  addRow(row: EvalRow): void {
    for (const tool of row.tools) {
      if (this.names.has(tool.name)) continue;
      this.names.add(tool.name);
      const index = this.entries.length;
      const tokens = toolTokens(tool);
      this.entries.push({ tool, tokens, source: row.id });
      for (const token of tokens) {
        const list = this.postings.get(token);
        if (list) list.push(index);
        else this.postings.set(token, [index]);
      }
      this.norms = [];
      this.memo.clear();
    }
  }

  get size(): number {
    return this.entries.length;
  }

  private idf(token: string): number {
    return Math.log(this.entries.length / (this.postings.get(token)?.length ?? 1));
  }

  private norm(tokens: Iterable<string>): number {
    let sum = 0;
    for (const t of tokens) sum += this.idf(t) ** 2;
    return Math.sqrt(sum);
  }

  /** Tools related to `tool` (most similar first, ties by name), whatever row they come from. */
  related(tool: ToolSpec): readonly RelatedTool[] {
    const key = `${tool.name}\u0000${tool.description}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.norms.length !== this.entries.length) this.norms = this.entries.map((e) => this.norm(e.tokens));
    const tokens = toolTokens(tool);
    const dot = new Map<number, number>();
    for (const token of tokens) {
      const weight = this.idf(token) ** 2;
      for (const i of this.postings.get(token) ?? []) dot.set(i, (dot.get(i) ?? 0) + weight);
    }
    const norm = this.norm(tokens);
    const out: RelatedTool[] = [];
    for (const [i, product] of dot) {
      const entry = this.entries[i]!;
      const similarity = product / (norm * this.norms[i]! || 1);
      if (similarity >= RELATED_MIN && similarity < RELATED_MAX && entry.tool.name !== tool.name) {
        out.push({ tool: entry.tool, similarity, source: entry.source });
      }
    }
    out.sort((a, b) => b.similarity - a.similarity || (a.tool.name < b.tool.name ? -1 : 1));
    this.memo.set(key, out);
    return out;
  }
}
