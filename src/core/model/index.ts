/**
 * Talking to models: one chat interface over OpenAI-compatible servers, Ollama and llama.cpp in-process,
 * built by one factory, with preflight checks before a run.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { ConversationError } from './conversation.js';
export { ModelRequestError } from './errors.js';
export { preflight } from './preflight.js';
export type { ChatBackend, ChatModel, ChatRequest, ChatResult, PromptStyle, StreamingChatBackend, ToolChoice, ToolMode } from './types.js';
export { ToolNameMap } from './toolNames.js';
export { createBackend, type Backend } from './backends.js';
