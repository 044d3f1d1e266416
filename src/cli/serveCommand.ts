import type { Command } from 'commander';
import { createBackend } from '../core/model/index.js';
import { startModelServer } from '../core/serve/index.js';
import { safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';
import { exists, integerOption } from './options.js';

interface ServeOptions {
  gguf: string;
  port: string;
  host: string;
  parallel: string;
  threads?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve a .gguf model over HTTP in the OpenAI (/v1/chat/completions, /v1/models) and Ollama (/api/chat, /api/tags) dialects, with tool calls.')
    .requiredOption('--gguf <file>', 'the model file')
    .option('--port <n>', 'port (0: any free one)', '8080')
    .option('--host <address>', 'address to listen on; anything but loopback lets other machines use the model', '127.0.0.1')
    .option('--parallel <n>', 'requests generated at once (one context sequence each)', '1')
    .option('--threads <n>', 'CPU threads (default: every core)')
    .action(async (options: ServeOptions) => {
      const port = integerOption('--port', options.port, 0, 65535);
      const parallel = integerOption('--parallel', options.parallel, 1, 256);
      const threads = options.threads === undefined ? undefined : integerOption('--threads', options.threads);
      if (!(await exists(options.gguf))) throw new UsageError(`--gguf ${options.gguf}: no such file`);
      const backend = createBackend({ kind: 'gguf', path: options.gguf, parallel, ...(threads ? { threads } : {}) });
      await backend.load();
      const server = await startModelServer({ backend, host: options.host, port });
      const [model] = await backend.listModels();
      // The model's name is read from the GGUF file: data, not ours.
      process.stdout.write(`serving ${safeText(`${model} from ${backend.location}`)}\nOpenAI: ${server.url}/v1   Ollama: ${server.url}\n`);
      if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
        process.stderr.write(`warning: listening on ${options.host}: the model is reachable from other machines, without authentication\n`);
      }
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          process.stderr.write('shutting down: cancelling the requests under way\n');
          // A second signal does not wait for the shutdown.
          process.once('SIGINT', () => process.exit(EXIT.interrupted));
          server.close().then(() => backend.close()).then(resolve, reject);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
