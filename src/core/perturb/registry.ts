import type { Component } from '../schema/index.js';
import type { PerturbationKind } from './types.js';

export const PERTURBATION_IDS = [
  'realistic_typos',
  'query_paraphrase',
  'paraphrase_tool_description',
  'paraphrase_parameter_description',
  'same_name_A',
  'same_name_B',
  'same_name_C',
  'same_name_D',
  'same_name_E',
  'redundant',
  'CD',
  'TD',
  'CD_NT',
  'TD_NT',
  'CD_AB',
  'TD_AB',
  'timeout',
  'rate_limit',
  'auth_error',
  'server_error',
  'malformed_response',
  'schema_drift',
] as const;
export type PerturbationId = (typeof PERTURBATION_IDS)[number];

export function isPerturbationId(id: string): id is PerturbationId {
  return (PERTURBATION_IDS as readonly string[]).includes(id);
}

/** A real report of the failure a type reproduces, seen in production tool-calling. */
export interface Grounding {
  repo: string;
  number: number;
  kind: 'issue' | 'pull request';
  title: string;
  url: string;
  /** When it was opened (YYYY-MM-DD). */
  date: string;
  /** What happened there, in one line. */
  note: string;
}

export interface PerturbationSpec {
  id: PerturbationId;
  component: Component;
  kind: PerturbationKind;
  /** Other ways a type can be produced; `llm` = through the rewriter. */
  variants: readonly 'llm'[];
  description: string;
  correctBehaviour: string;
  grounding: Grounding;
}

function issue(repo: string, number: number, date: string, title: string, note: string): Grounding {
  return { repo, number, kind: 'issue', title, url: `https://github.com/${repo}/issues/${number}`, date, note };
}

function pull(repo: string, number: number, date: string, title: string, note: string): Grounding {
  return { repo, number, kind: 'pull request', title, url: `https://github.com/${repo}/pull/${number}`, date, note };
}

const SAME_CALL = 'Make the same call as on the clean sample: same tool, same arguments.';
const REAL_TOOL = 'Call the real tool (the one whose parameters fit the request) with the golden arguments.';
const LURE_GT = 'Call the golden tool with the golden arguments; the cost or latency tag is a lure, not a reason to switch.';
const RETRY = 'Treat the fault as transient: issue the same correct call again (same tool, same arguments).';

/**
 * The 22 RobustBench-TC perturbation types. Every grounding was looked up and confirmed to
 * exist with this title; where the paper's own citations are known (#7170, #464, #1167) they
 * are used.
 */
export const PERTURBATIONS: readonly PerturbationSpec[] = [
  {
    id: 'realistic_typos',
    component: 'observation',
    kind: 'rule',
    variants: ['llm'],
    description: '2–4 keyboard typos in the user query (adjacent key, swap, drop, double, common misspelling); numbers, dates, quoted text, names, identifiers and golden values untouched.',
    correctBehaviour: SAME_CALL,
    grounding: issue('run-llama/llama_index', 7170, '2023-08-06', '[Bug]: Agent sometimes tries to use tools that do not exist and then crashes',
      'The user typed "occrra"; the agent called a tool "occcra_information" that does not exist and crashed.'),
  },
  {
    id: 'query_paraphrase',
    component: 'observation',
    kind: 'llm',
    variants: [],
    description: 'The user query reworded by a rewriter model; entities, numbers and technical terms kept.',
    correctBehaviour: SAME_CALL,
    grounding: issue('run-llama/llama_index', 13649, '2024-05-22',
      "[Bug]: ValueError: Tool with name functions not found, some queries will result in this error, while others won't.",
      'The same agent and tools work for some wordings of a request and call a non-existent tool for others.'),
  },
  {
    id: 'paraphrase_tool_description',
    component: 'observation',
    kind: 'llm',
    variants: [],
    description: 'Every tool description reworded (same meaning and constraints, length within ±20%).',
    correctBehaviour: SAME_CALL,
    grounding: issue('ondata/ckan-mcp-server', 33, '2026-04-29', 'Improve tool descriptions with usage examples to reduce model misinterpretation',
      'How a description is worded decides tool selection: vague wording led to wrong tools, wrong parameters and retries.'),
  },
  {
    id: 'paraphrase_parameter_description',
    component: 'observation',
    kind: 'llm',
    variants: [],
    description: 'Every parameter description reworded; names, types, enums, defaults and required parameters unchanged.',
    correctBehaviour: SAME_CALL,
    grounding: issue('shinzo-labs/coinmarketcap-mcp', 61, '2025-05-26', 'Improve Tool Descriptions',
      'Terse parameter descriptions left the model unable to format requests, causing excessive invalid calls.'),
  },
  {
    id: 'same_name_A',
    component: 'action',
    kind: 'rule',
    variants: [],
    description: 'A distractor with the same name as one golden tool (drawn with the seed), an empty description and no parameters, appended after every tool.',
    correctBehaviour: REAL_TOOL,
    grounding: issue('openai/openai-agents-python', 464, '2025-04-09', 'Duplicate tool names across MCP servers cause errors',
      'Two MCP servers expose a tool with the same name (create_issue); the SDK cannot tell them apart.'),
  },
  {
    id: 'same_name_B',
    component: 'action',
    kind: 'rule',
    variants: [],
    description: 'A distractor with the same name and the same description as one golden tool (drawn with the seed), but no parameters, appended after every tool.',
    correctBehaviour: REAL_TOOL,
    grounding: issue('openai/openai-agents-python', 1167, '2025-07-17', 'Duplicate tool names in multiple MCP tools cause the agent list to hang',
      'A tool name shared by two MCP servers froze tool listing and left the agent unable to work.'),
  },
  {
    id: 'same_name_C',
    component: 'action',
    kind: 'rule',
    variants: [],
    description: "For each golden tool, a distractor with its name, an empty description and another tool's parameters, appended after every tool.",
    correctBehaviour: REAL_TOOL,
    grounding: issue('obot-platform/obot', 3191, '2025-06-12', 'Not able to chat with agents when tool with same name exists in different MCP servers.',
      'GitHub and Neon MCP servers both expose create_branch, with different parameters; the agent stopped working.'),
  },
  {
    id: 'same_name_D',
    component: 'action',
    kind: 'rule',
    variants: [],
    description: "For each golden tool, a distractor with its name and description but another tool's parameters, appended after every tool.",
    correctBehaviour: REAL_TOOL,
    grounding: issue('google/adk-js', 71, '2026-01-22', 'Duplicate tool names added by mcptoolset break LLMAgent execution',
      'Linear and GitHub MCP servers both provide list_issues; the agent errors out.'),
  },
  {
    id: 'same_name_E',
    component: 'action',
    kind: 'rule',
    variants: [],
    description: "For each golden tool, a distractor with its name but another tool's description and parameters, appended after every tool.",
    correctBehaviour: REAL_TOOL,
    grounding: pull('microsoft/agent-framework', 4649, '2026-03-12', 'Python: Fix duplicate tool names between supplied tools and MCP servers',
      'Different tools with the same exposed name reached the tool map and silently replaced one another.'),
  },
  {
    id: 'redundant',
    component: 'action',
    kind: 'rule',
    variants: ['llm'],
    description: "1–2 related but different tools per golden tool, taken from other samples' tools (TF-IDF cosine 0.25–0.6) or written by a rewriter, never one that could satisfy a golden call (same name words, or the call's parameters and a shared name word); order non-golden + added + golden.",
    correctBehaviour: 'Pick the golden tool, not the related one that looks close.',
    grounding: issue('dmtrKovalenko/fff', 311, '2026-03-26', 'LLM gets cognitive overload from overlapping tool names fff_grep and fff_multi_grep',
      'With two overlapping search tools available, the model called the wrong one with the other one\'s arguments.'),
  },
  {
    id: 'CD',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'Golden description gets " [Cost: $0.01 per call]"; a parameterless distractor <name>_Budget gets the same description and " [Cost: $0.15 per call]".',
    correctBehaviour: LURE_GT,
    grounding: issue('surendranb/google-analytics-mcp', 13, '2026-04-28', 'Ambiguous claim: "most efficient way to discover dimensions and metrics"',
      'An efficiency claim in a tool description biases LLM tool selection against the other tools.'),
  },
  {
    id: 'TD',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'As CD with " [Response time: ~50ms]" on the golden tool and " [Response time: ~2100ms]" on the distractor <name>_Fast.',
    correctBehaviour: LURE_GT,
    grounding: pull('Skyvern-AI/skyvern', 4723, '2026-02-12', 'Rewrite MCP server instructions for better LLM tool routing',
      'Claims in descriptions ("no snapshot step", faster) were written to steer which of two browser tools the model picks.'),
  },
  {
    id: 'CD_NT',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'As CD, with the neutral distractor name <name>_1.',
    correctBehaviour: LURE_GT,
    grounding: issue('isaacschepp/agent-inject', 76, '2026-03-30', '[4.1.1] Tool Description Poisoning',
      'Text in a tool description, not its name, is what the LLM acts on; poisoned descriptions are a demonstrated attack.'),
  },
  {
    id: 'TD_NT',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'As TD, with the neutral distractor name <name>_1.',
    correctBehaviour: LURE_GT,
    grounding: pull('infiniflow/ragflow', 14217, '2026-04-19', 'fix(agent): handle duplicate MCP tool names',
      'Colliding tools are exposed to the LLM as <tool_name>_<index>: near-twins told apart only by a numeric suffix.'),
  },
  {
    id: 'CD_AB',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'As CD_NT, but the golden tool is renamed to its abbreviation (ProteinRichMealPlanner_generateList → PRMP_L) and the distractor keeps the full name + _1; golden answers renamed.',
    correctBehaviour: 'Call the abbreviated golden tool with the golden arguments, not the full-named lure.',
    grounding: issue('Trae-AI/TRAE', 2194, '2026-02-03', '国内版MCP工具提交到Tools时候，截断了正确方法名，导致模型找不到正确的工具',
      'Tool names were shortened before reaching the model, and the model could not find the right tool.'),
  },
  {
    id: 'TD_AB',
    component: 'reward',
    kind: 'rule',
    variants: [],
    description: 'As TD_NT, but the golden tool is renamed to its abbreviation and the golden answers follow.',
    correctBehaviour: 'Call the abbreviated golden tool with the golden arguments, not the full-named lure.',
    grounding: issue('harsha-iiiv/openapi-mcp-generator', 4, '2025-04-24', 'Generates tool names that are over 64 character limit in Claude Desktop',
      'Client name limits force tool names to be abbreviated (the fix word-abbreviates them), so models see shortened names.'),
  },
  {
    id: 'timeout',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: 'After the first call, the tool times out: a ReadTimeout error after 30s (terse) or a gateway\'s 504 page (realistic).',
    correctBehaviour: RETRY,
    grounding: issue('VoltAgent/voltagent', 430, '2025-07-30', '[BUG] MCP tool execution error(like timeout) crash the whole agent',
      'A timed-out tool call failed the whole agent run instead of letting the model retry.'),
  },
  {
    id: 'rate_limit',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: 'After the first call, the tool answers HTTP 429 Too Many Requests (realistic: OpenAI-style JSON with Retry-After: 2).',
    correctBehaviour: RETRY,
    grounding: issue('anthropics/claude-code', 464, '2025-03-13', 'Enhancing System Robustness and Reliability by Allowing Retry Configuration on MCP Client Tool Calls',
      'After a transient tool-call failure the client switched servers or abandoned the tool instead of retrying.'),
  },
  {
    id: 'auth_error',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: 'After the first call, the tool answers HTTP 401 Unauthorized: invalid or expired token (realistic: with WWW-Authenticate).',
    correctBehaviour: RETRY,
    grounding: issue('Doist/todoist-mcp', 366, '2026-03-12', 'Hosted MCP server at ai.todoist.net/mcp does not return HTTP 401 on expired OAuth tokens',
      'An expired OAuth token surfaced to the agent as a tool-result HTTP 401 mid-session.'),
  },
  {
    id: 'server_error',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: 'After the first call, the tool answers HTTP 503 Service Unavailable (realistic: a JSON error body).',
    correctBehaviour: RETRY,
    grounding: issue('openai/openai-agents-python', 879, '2025-06-16', 'MCP tools turn upstream HTTP errors into AgentsException, crashing the run',
      'A non-2xx answer from the service behind a tool aborted the whole turn.'),
  },
  {
    id: 'malformed_response',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: 'After the first call, the tool answers 200 with a JSON body cut off mid-stream.',
    correctBehaviour: RETRY,
    grounding: issue('github/copilot-cli', 390, '2025-10-23', 'MCP : Execution failed: Unexpected end of JSON input',
      'A tool call failed with "Unexpected end of JSON input": the tool\'s response body was incomplete.'),
  },
  {
    id: 'schema_drift',
    component: 'transition',
    kind: 'runtime',
    variants: [],
    description: "After the first call, the tool answers 200 with the call's fields renamed (snake_case ↔ camelCase) against the documented schema.",
    correctBehaviour: 'Keep to the documented schema: issue the same correct call again, without renaming arguments.',
    grounding: issue('basicmachines-co/basic-memory', 638, '2026-02-28', 'API response schema breaking changes break released clients',
      'The server renamed entity_type to note_type in responses; released clients failed to parse tool results.'),
  },
];

const BY_ID = new Map(PERTURBATIONS.map((p) => [p.id, p]));

export function perturbationSpec(id: PerturbationId): PerturbationSpec {
  return BY_ID.get(id)!;
}
