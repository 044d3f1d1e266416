import type { ResponseBody } from './http.js';

/**
 * The `data` payloads of a server-sent-event stream, one per event. Multi-line data is joined with
 * newlines as the SSE spec says; comments (`:` keep-alives) and the other fields are skipped. A
 * line that is none of these means the body is not an event stream at all.
 */
export async function* sseData(body: ResponseBody): AsyncIterable<string> {
  let data: string[] = [];
  for await (const line of body.lines()) {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    } else if (!/^(?::|event:|id:|retry:)/.test(line)) {
      throw body.error('malformed', 'the answer is not a server-sent-event stream', line);
    }
  }
  if (data.length > 0) yield data.join('\n');
}
