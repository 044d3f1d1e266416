import { z } from 'zod';
import { excerpt } from '../formats/index.js';
import { notJsonReason, parseJson } from '../schema/index.js';
import type { Rewriter } from './rewriter.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface OpenAiRewriterOptions {
  /** Base URL of an OpenAI-compatible server (`http://localhost:8000/v1`) or its full chat-completions URL. */
  endpoint: string;
  model: string;
  /** Per request; 60 s unless set. */
  timeoutMs?: number;
  apiKey?: string;
}

const chatCompletion = z.looseObject({
  choices: z.array(z.looseObject({ message: z.looseObject({ content: z.string().nullable() }) })).min(1),
});

export function chatCompletionsUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
}

/**
 * A rewriter over any OpenAI-compatible `/chat/completions` endpoint (vLLM, llama-server,
 * LM Studio, Ollama's `/v1`): the instruction as the system message, the text as the user
 * message, temperature 0 so a rerun asks for the same thing. Stands in until the model layer
 * exists; errors name the URL, the status and the start of the body.
 */
export function openAiRewriter(options: OpenAiRewriterOptions): Rewriter {
  const url = chatCompletionsUrl(options.endpoint);
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    id: options.model,
    async rewrite(request, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({
            model: options.model,
            temperature: 0,
            messages: [
              { role: 'system', content: request.instruction },
              { role: 'user', content: request.text },
            ],
          }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        body = await response.text();
      } catch (err) {
        if (timeout.aborted) throw new Error(`rewriter request to ${url} timed out after ${timeoutMs / 1000}s`);
        throw new Error(`rewriter request to ${url} failed: ${errorMessage(err)}`);
      }
      if (!response.ok) throw new Error(`rewriter request to ${url} failed: HTTP ${response.status}: ${excerpt(body, 200)}`);
      let parsed;
      try {
        parsed = chatCompletion.safeParse(parseJson(body));
      } catch (err) {
        throw new Error(`the answer of the rewriter at ${url} ${notJsonReason(err)}: ${excerpt(body, 200)}`);
      }
      if (!parsed.success) throw new Error(`rewriter at ${url} answered without choices[0].message.content: ${excerpt(body, 200)}`);
      return parsed.data.choices[0]!.message.content ?? '';
    },
  };
}
