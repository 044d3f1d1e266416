/**
 * Monaco's default worker loads its script with importScripts from the extension's resource
 * URL, which a webview blocks (cross-origin). Fetch the worker bundle from the page instead
 * and start it from a same-origin Blob URL (CSP: `worker-src blob:`, `connect-src` cspSource).
 */
export function installMonacoWorkers(workerUrl: string): void {
  let blobUrl: Promise<string> | undefined;
  const load = () =>
    (blobUrl ??= fetch(workerUrl)
      .then((r) => r.blob())
      .then((b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' }))));
  (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker: async () => new Worker(await load()),
  };
}
