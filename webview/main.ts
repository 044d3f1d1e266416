import { MessageEndpoint, type Envelope } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: Envelope): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const endpoint = new MessageEndpoint((e) => vscode.postMessage(e));
window.addEventListener('message', (event: MessageEvent<unknown>) => void endpoint.receive(event.data));

async function start(): Promise<void> {
  const root = document.getElementById('root');
  try {
    const ready = await endpoint.request({ type: 'ready' });
    vscode.setState(ready.state);
    root?.setAttribute('data-view', ready.view);
  } catch (err) {
    if (root) root.textContent = `RobustLens could not start this view: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void start();
