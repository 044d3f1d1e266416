import type {
  ChatWrapper,
  ChatWrapperGenerateContextStateOptions,
  ChatWrapperGeneratedContextState,
  ChatWrapperGeneratedPrefixTriggersContextState,
  LlamaText,
} from 'node-llama-cpp';
import type { NodeLlamaCpp } from './llamaRuntime.js';

/** `auto`: the model may call or answer; `required`: it must call (tool_choice required or named). */
export type CallPolicy = 'auto' | 'required';

/**
 * node-llama-cpp enters function calling (and its argument grammar) only once the model has
 * written the template's whole call prefix (`<tool_call>\n{"name": "` for Qwen and Hermes), so a
 * model that opens a call and then wanders off never produces one. llama-server's lazy grammar
 * starts at the prefix's first line instead, and a required call starts at once. This wraps the
 * model's chat wrapper, for one request, to do the same through the state fields node-llama-cpp's
 * own wrappers use: `prefixTriggers` on the first line of the call prefix for `auto`, and
 * `noPrefixTrigger: functionCall` for `required`. The wrapper is a delegate (its prototype is the
 * shared wrapper), so concurrent requests with different policies never see each other's.
 */
export function withCallPolicy(nlc: NodeLlamaCpp, shared: ChatWrapper, policy: CallPolicy): ChatWrapper {
  const wrapper = Object.create(shared) as ChatWrapper;
  const trigger = callTrigger(nlc, shared);
  wrapper.generateContextState = function (options: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const state = shared.generateContextState.call(this, options);
    const hasFunctions = Object.keys(options.availableFunctions ?? {}).length > 0;
    // A wrapper that starts the answer inside a call already needs no trigger.
    if (!hasFunctions || state.functionCall?.initiallyEngaged) return state;
    // The two kinds of state do not mix: start-text skipping gives way to the triggers.
    const { ignoreStartText: _skipped, functionCall: _engaged, ...base } = state as ChatWrapperGeneratedContextState & ChatWrapperGeneratedPrefixTriggersContextState;
    if (policy === 'required') {
      // Thinking and other segments the template may open first are skipped: the call comes at once.
      return { ...base, prefixTriggers: undefined, noPrefixTrigger: { type: 'functionCall', inject: nlc.LlamaText('') } };
    }
    if (!trigger) return state;
    return {
      ...base,
      prefixTriggers: [...(base.prefixTriggers ?? []), { type: 'functionCall', triggers: [trigger], replaceTrigger: true }],
      noPrefixTrigger: base.noPrefixTrigger ?? { type: 'response', inject: nlc.LlamaText('') },
    };
  };
  return wrapper;
}

/** The first line of the template's call prefix (`<tool_call>`), or none when that line is empty. */
function callTrigger(nlc: NodeLlamaCpp, wrapper: ChatWrapper): LlamaText | undefined {
  const functions = wrapper.settings.functions;
  const sectionPrefix = nlc.LlamaText(functions.parallelism?.call.sectionPrefix ?? '').toString();
  const prefix = sectionPrefix || nlc.LlamaText(functions.call.prefix).toString();
  const firstLine = prefix.split('\n')[0]?.trim();
  return firstLine ? nlc.LlamaText(new nlc.SpecialTokensText(firstLine)) : undefined;
}
