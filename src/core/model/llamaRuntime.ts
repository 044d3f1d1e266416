import type { Llama } from 'node-llama-cpp';

export type NodeLlamaCpp = typeof import('node-llama-cpp');

let loading: Promise<NodeLlamaCpp> | undefined;
const runtimes = new Map<number, Promise<Llama>>();

/**
 * node-llama-cpp, loaded on first use. It is ESM-only and the CLI and extension are CommonJS
 * bundles: it stays external there (esbuild.mjs) and a dynamic `import()` loads it, which esbuild
 * keeps as it is. Loading it late also keeps its native binding off every other command's path.
 */
export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  return (loading ??= import('node-llama-cpp'));
}

/**
 * The llama.cpp runtime, one per process and thread ceiling: starting it tests the native binary
 * (seconds), models are cheap to load into it after that, and it needs no disposing at exit.
 * CPU only, and never compiled here. node-llama-cpp's default thread count is max(4, cores),
 * which oversubscribes a small machine many times over, so the ceiling is the caller's.
 */
export function loadLlama(maxThreads: number): Promise<Llama> {
  let runtime = runtimes.get(maxThreads);
  if (!runtime) {
    runtime = loadNodeLlamaCpp().then((nlc) => nlc.getLlama({ gpu: false, maxThreads, build: 'never', logLevel: nlc.LlamaLogLevel.warn, progressLogs: false }));
    runtimes.set(maxThreads, runtime);
  }
  return runtime;
}
