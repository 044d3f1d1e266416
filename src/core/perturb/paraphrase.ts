import { type EvalRow, type JsonObject, type ParameterSchema, setOwn, type ToolSpec } from '../schema/index.js';
import { goldenStrings } from './goldenTools.js';
import { checkRewrite, rewriteText, type RewriteContext } from './rewriter.js';
import { perturbed, skip, type PerturbResult } from './types.js';
import { lastUserQuery, withMessageContent } from './userQuery.js';

/** The rewriter is asked for ±20%; the validator only turns away clear misses. */
const DESCRIPTION_LENGTH_TOLERANCE = 0.3;

export const QUERY_PARAPHRASE_INSTRUCTION =
  "Rewrite the user's request below so that it says the same thing in different words. Keep every location, " +
  'name, number, date, time, quantity, unit, quoted text, entity and technical term exactly as written. Do not add ' +
  'or remove information and do not answer the request. Reply with the rewritten request only.';

export function toolDescriptionInstruction(tool: string, length: number): string {
  return (
    `Paraphrase the description of the software tool \`${tool}\` below so that it means exactly the same. Keep every ` +
    'constraint, default, unit, number, name and technical term. Keep the length within 20% of the original ' +
    `(${length} characters). Reply with the paraphrased description only.`
  );
}

export function parameterDescriptionInstruction(tool: string, parameter: string, length: number): string {
  return (
    `Paraphrase the description of the parameter \`${parameter}\` of the software tool \`${tool}\` below so that it ` +
    'means exactly the same. Keep its type constraints, valid values, formats, defaults, units, examples and ' +
    `technical terms exactly. Keep the length within 20% of the original (${length} characters). Reply with the ` +
    'paraphrased description only.'
  );
}

/** `query_paraphrase`: the last user message reworded, entities and numbers kept. */
export async function queryParaphrase(row: EvalRow, seed: number, ctx: RewriteContext): Promise<PerturbResult> {
  const query = lastUserQuery(row);
  if (!query) return skip('no user message to paraphrase');
  const keep = goldenStrings(row);
  const outcome = await rewriteText(ctx, {
    type: 'query_paraphrase',
    rowId: row.id,
    seed,
    instruction: QUERY_PARAPHRASE_INSTRUCTION,
    text: query.content,
    validate: (text) => checkRewrite(query.content, text, { keep }),
  });
  if (!outcome.ok) return skip(outcome.reason);
  const metadata: JsonObject = { message_index: query.index, model: ctx.rewriter.id, attempts: outcome.attempts, before: query.content, after: outcome.text };
  return perturbed(row, { type: 'query_paraphrase', mdp_category: 'observation', metadata }, {
    conversation: withMessageContent(row.conversation, query.index, outcome.text),
  });
}

/** `paraphrase_tool_description`: every non-empty tool description reworded, ±20% length. */
export async function paraphraseToolDescriptions(row: EvalRow, seed: number, ctx: RewriteContext): Promise<PerturbResult> {
  const keep = goldenStrings(row);
  const changed: JsonObject[] = [];
  const tools: ToolSpec[] = [];
  for (const tool of row.tools) {
    if (tool.description.trim() === '') {
      tools.push(tool);
      continue;
    }
    const outcome = await rewriteText(ctx, {
      type: 'paraphrase_tool_description',
      rowId: row.id,
      seed,
      instruction: toolDescriptionInstruction(tool.name, tool.description.length),
      text: tool.description,
      validate: (text) => checkRewrite(tool.description, text, { keep, lengthTolerance: DESCRIPTION_LENGTH_TOLERANCE }),
    });
    if (!outcome.ok) return skip(`description of ${tool.name}: ${outcome.reason}`);
    changed.push({ tool: tool.name, attempts: outcome.attempts, before: tool.description, after: outcome.text });
    tools.push({ ...tool, description: outcome.text });
  }
  if (changed.length === 0) return skip('no tool has a description to paraphrase');
  const metadata: JsonObject = { model: ctx.rewriter.id, changed };
  return perturbed(row, { type: 'paraphrase_tool_description', mdp_category: 'observation', metadata }, { tools });
}

/**
 * `paraphrase_parameter_description`: every described top-level parameter of every tool
 * reworded; names, types, enums, defaults and `required` stay as they are.
 */
export async function paraphraseParameterDescriptions(row: EvalRow, seed: number, ctx: RewriteContext): Promise<PerturbResult> {
  const keep = goldenStrings(row);
  const changed: JsonObject[] = [];
  const tools: ToolSpec[] = [];
  for (const tool of row.tools) {
    const properties = tool.parameters.properties ?? {};
    const rewritten: Record<string, ParameterSchema> = {};
    let touched = false;
    for (const [name, schema] of Object.entries(properties)) {
      const description = schema.description ?? '';
      if (description.trim() === '') {
        setOwn(rewritten, name, schema);
        continue;
      }
      const outcome = await rewriteText(ctx, {
        type: 'paraphrase_parameter_description',
        rowId: row.id,
        seed,
        instruction: parameterDescriptionInstruction(tool.name, name, description.length),
        text: description,
        validate: (text) => checkRewrite(description, text, { keep, lengthTolerance: DESCRIPTION_LENGTH_TOLERANCE }),
      });
      if (!outcome.ok) return skip(`parameter ${name} of ${tool.name}: ${outcome.reason}`);
      changed.push({ tool: tool.name, parameter: name, attempts: outcome.attempts, before: description, after: outcome.text });
      setOwn(rewritten, name, { ...schema, description: outcome.text });
      touched = true;
    }
    tools.push(touched ? { ...tool, parameters: { ...tool.parameters, properties: rewritten } } : tool);
  }
  if (changed.length === 0) return skip('no parameter has a description to paraphrase');
  const metadata: JsonObject = { model: ctx.rewriter.id, changed };
  return perturbed(row, { type: 'paraphrase_parameter_description', mdp_category: 'observation', metadata }, { tools });
}
