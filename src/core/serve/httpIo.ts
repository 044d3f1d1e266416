import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssues, notJsonReason, parseJson } from '../schema/index.js';

/** A request the server refuses, with the status and the message the client gets. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body as JSON, read up to `maxBytes`; a body that is larger is a 413, one that is
 * not JSON or nests deeper than the schemas may walk is a 400 (the client's fault, not ours).
 */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `the request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new HttpError(400, 'the request has no body; send a JSON object');
  try {
    return parseJson(text);
  } catch (err) {
    throw new HttpError(400, `the request body ${notJsonReason(err)}`);
  }
}

/** `value` checked against `schema`, or a 400 that says which fields are wrong. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, `invalid request: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
