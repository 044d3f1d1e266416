/**
 * The id of a model the Quick-run bar offers: a model an endpoint of `robustlens.endpoints`
 * lists (`endpoint:<index>:<model name>`, the name may hold colons), or a `.gguf` run
 * in-process (`gguf:<path>`). Written and read only here.
 */
export type ModelChoice = { kind: 'endpoint'; index: number; model: string } | { kind: 'gguf'; path: string };

export function modelChoiceId(choice: ModelChoice): string {
  return choice.kind === 'gguf' ? `gguf:${choice.path}` : `endpoint:${choice.index}:${choice.model}`;
}

export function parseModelChoice(id: string): ModelChoice {
  if (id.startsWith('gguf:') && id.length > 5) return { kind: 'gguf', path: id.slice(5) };
  const match = /^endpoint:(\d+):(.+)$/s.exec(id);
  if (!match) throw new Error(`"${id}" names no model: pick one in the Quick-run bar`);
  return { kind: 'endpoint', index: Number(match[1]), model: match[2]! };
}

/** The entry of an endpoint that did not list its models: shown in the list, never resolved to a model. */
export function unavailableEndpointId(index: number): string {
  return `endpoint:${index}`;
}
