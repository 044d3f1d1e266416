import type { PerturbationId } from './registry.js';

/** Where RobustLens's version of a type differs from the authors' release, or the release is silent. */
export interface PaperDifference {
  /** What RobustLens does where the authors' code does otherwise, or where it is not known; "None" when they agree. */
  differs: string;
  why: string;
  /** The option that reproduces the authors' behaviour, when one exists. */
  reproduce?: string;
}

const SAME_NAME_DRAW =
  'The golden tool is drawn with RobustLens’s seeded generator, not Python’s `random.seed(42)`, so on rows with several golden tools another one may be picked.';
const DONOR_FILTER =
  'A donor whose parameters equal the golden tool’s is passed over (the authors take any non-golden tool); with no other donor the row is skipped.';
const DONOR_WHY = 'Such a distractor cannot be told from the real tool by any argument, so a right call could be scored against it.';
const FAULT_TEXT =
  'The authors’ `TRANSITION_ERROR_MESSAGES` are not published. RobustLens sends a terse one-line error by default (`--faults realistic` sends the bodies real APIs send), never with advice such as “please retry”, and names the tool as the model saw it. Pass 2 carries the fault as a tool message (in prompt mode a user message wrapped in `<tool_response>`); the official layout is not known.';
const FAULT_WHY = 'Advice in the fault would tell the model the answer the case measures; the paper’s harness injected an error string.';
const EXACT_LURE = 'None: the same tags, distractor names, parameterless distractors and order `non-golden + [distractor, golden]` as the authors’ generator.';

/**
 * For every type, how RobustLens's default differs from the paper's release and why. Kept
 * beside the registry and rendered into docs/perturbations.md, so the docs cannot drift.
 */
export const PAPER_DIFFERENCES: Record<PerturbationId, PaperDifference> = {
  realistic_typos: {
    differs:
      'Rule-based by default (QWERTY neighbours, swaps, drops, doubles, common misspellings; 2–4 per query), never in numbers, dates, quoted text, names or golden values. The authors had gpt-4o-mini add them and rejected only an identical answer.',
    why: 'Every typo is checked character by character, needs no model and is reproducible from the seed; an unchecked rewrite can change a value the answer depends on.',
    reproduce: '`--rewriter-endpoint URL --rewriter-model NAME --llm-variants realistic_typos` (still validated: 2–4 edits, entities kept)',
  },
  query_paraphrase: {
    differs:
      'The rewrite comes from your rewriter model and is validated (numbers in the same order, named entities, quoted text, dates, URLs and golden values kept, not identical), retried with the reason up to 3 times and cached. The authors used gpt-4o-mini at temperature 1.0 without a check.',
    why: 'A paraphrase that changes a number or a name changes the right answer, and the label would be wrong.',
    reproduce: 'a rewriter serving gpt-4o-mini (`--rewriter-endpoint`, `--rewriter-model`); the validation cannot be turned off',
  },
  paraphrase_tool_description: {
    differs: 'Validated as the query paraphrase, and the length must stay within ±20% (the authors asked for it in the prompt only).',
    why: 'A description that drops a constraint or a value changes which call is right.',
    reproduce: 'a rewriter serving gpt-4o-mini; the validation cannot be turned off',
  },
  paraphrase_parameter_description: {
    differs: 'Validated as the tool descriptions. Rows with no parameter description are skipped, as the authors do.',
    why: 'A parameter description that loses its valid values or units changes the right arguments.',
    reproduce: 'a rewriter serving gpt-4o-mini; the validation cannot be turned off',
  },
  same_name_A: {
    differs: `None by default: one distractor for one golden call’s tool, appended after every tool. ${SAME_NAME_DRAW}`,
    why: 'The authors’ BFCL generator does this; appended last, the real tool stays the first of its name, which BFCL’s checker binds to.',
    reproduce: 'the default; `--same-name-count per_golden` and `--same-name-position before_golden|after_golden` give the other layouts (the ACEBench generator’s)',
  },
  same_name_B: {
    differs: `None by default, as same_name_A. ${SAME_NAME_DRAW}`,
    why: 'As same_name_A.',
    reproduce: 'the default',
  },
  same_name_C: {
    differs: `One distractor per golden tool, appended, as the authors do. ${DONOR_FILTER}`,
    why: DONOR_WHY,
  },
  same_name_D: {
    differs: `As same_name_C. ${DONOR_FILTER}`,
    why: DONOR_WHY,
  },
  same_name_E: {
    differs: `As same_name_C. ${DONOR_FILTER}`,
    why: DONOR_WHY,
  },
  redundant: {
    differs:
      'With a rewriter, the added tools are invented by it as the authors did; without one, they are copied from other rows of the dataset (TF-IDF cosine 0.25–0.6). Either way a duplicate guard refuses any tool that could satisfy the golden call, and the row is skipped when nothing else is left; skip reasons go to the manifest.',
    why: 'A functional duplicate of the golden tool (BFCL multiple_11: `math_roots.quadratic` next to `solve_quadratic_equation`) makes a right answer score wrong and inflates the action drop.',
    reproduce: '`--rewriter-endpoint URL --rewriter-model NAME` (the LLM variant is then the default); the guard cannot be turned off',
  },
  CD: { differs: EXACT_LURE, why: 'The audit found these exact.' },
  TD: { differs: EXACT_LURE, why: 'The audit found these exact.' },
  CD_NT: { differs: EXACT_LURE, why: 'The audit found these exact.' },
  TD_NT: { differs: EXACT_LURE, why: 'The audit found these exact.' },
  CD_AB: {
    differs:
      'None by default: the golden tool is abbreviated by the authors’ rule (each segment becomes its capitals, or its first letter when it has none: `solarFarm.potential` → `F_P`). The paper’s printed examples follow another rule (`SF_P`, `PRMP_GL`); the two differ on 75 rows of the shared BFCL data (every answered category).',
    why: 'The released rows were made by the code, not by the examples.',
    reproduce: 'the default; `--abbreviation examples` follows the printed examples instead',
  },
  TD_AB: {
    differs: 'As CD_AB (with the time tags): the authors’ abbreviation rule by default.',
    why: 'The released rows were made by the code, not by the examples.',
    reproduce: 'the default',
  },
  timeout: { differs: FAULT_TEXT, why: FAULT_WHY, reproduce: '`robustlens run --protocol paper` (the default): terse faults, the official request settings' },
  rate_limit: { differs: FAULT_TEXT, why: FAULT_WHY, reproduce: '`--protocol paper`' },
  auth_error: { differs: FAULT_TEXT, why: FAULT_WHY, reproduce: '`--protocol paper`' },
  server_error: { differs: FAULT_TEXT, why: FAULT_WHY, reproduce: '`--protocol paper`' },
  malformed_response: { differs: FAULT_TEXT, why: FAULT_WHY, reproduce: '`--protocol paper`' },
  schema_drift: {
    differs: `${FAULT_TEXT} The drifted body echoes the call’s fields under renamed keys (snake_case ↔ camelCase).`,
    why: FAULT_WHY,
    reproduce: '`--protocol paper`',
  },
};
