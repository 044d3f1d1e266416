/**
 * The server's root URL from what a person pastes: `http://host:8000`, `http://host:8000/`, or
 * the API prefix copied from a client config (`…/v1` for OpenAI-style servers, `…/api` for
 * Ollama). Endpoint paths are then appended to the root.
 */
export function serverRoot(baseUrl: string, apiPrefix: string): string {
  let root = baseUrl.trim().replace(/\/+$/, '');
  if (root.endsWith(apiPrefix)) root = root.slice(0, -apiPrefix.length);
  const url = new URL(root);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${baseUrl}`);
  return root;
}
