/** Where a command writes: its result to stdout, problems and progress to stderr. */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when progress may be drawn (stderr is a terminal): a line starting with `\r` redraws in place. */
  progress: boolean;
}

/** The process's streams: progress only on a terminal and never under `--json`; `finish` clears the progress line. */
export function processOutput(json: boolean | undefined): CommandOutput & { finish: () => void } {
  const progress = process.stderr.isTTY === true && json !== true;
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
    progress,
    finish: () => {
      if (progress) process.stderr.write('\r\x1b[K');
    },
  };
}
