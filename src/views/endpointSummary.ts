import type { EndpointState } from '../services/modelService.js';

/** How many model names a one-line summary lists before it counts the rest. */
const NAMES_SHOWN = 3;

export interface EndpointSummary {
  /** `warning` when an endpoint does not answer or lists no model, or nothing is configured. */
  level: 'info' | 'warning';
  message: string;
}

function modelList(models: string[]): string {
  if (models.length === 0) return 'answers, but lists no model';
  const more = models.length > NAMES_SHOWN ? ` and ${models.length - NAMES_SHOWN} more` : '';
  return `answers: ${models.slice(0, NAMES_SHOWN).join(', ')}${more}`;
}

/** One endpoint in a line: its name, its address, and what it said. */
export function describeEndpoint(state: EndpointState): string {
  const { name, url } = state.endpoint;
  return `${name} (${url}) ${state.ok ? modelList(state.models) : `does not answer: ${state.reason}`}`;
}

/** What "Check Model Endpoint" tells the user: every endpoint's state, or what Quick-run will use when none is set. */
export function summarizeEndpoints(states: readonly EndpointState[], ggufPath: string): EndpointSummary {
  if (states.length === 0) {
    return ggufPath
      ? { level: 'info', message: `RobustLens: no endpoint is set in "robustlens.endpoints"; Quick-run uses ${ggufPath} in-process.` }
      : { level: 'warning', message: 'RobustLens: no model is set. Add a server to "robustlens.endpoints" or pick a .gguf file with "RobustLens: Choose GGUF Model File".' };
  }
  const level = states.every((s) => s.ok && s.models.length > 0) ? 'info' : 'warning';
  return { level, message: `RobustLens: ${states.map(describeEndpoint).join('; ')}.` };
}
