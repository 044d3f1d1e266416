/**
 * An OpenAI- and Ollama-compatible HTTP server over an in-process model.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { startModelServer } from './server.js';
