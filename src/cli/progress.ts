import type { RunProgress } from '../core/run/index.js';

const BAR_WIDTH = 24;
/** Redraws on a terminal at most this often: a fast run would otherwise spend its time drawing. */
const REDRAW_MS = 100;
/** Lines in a log (CI) come this far apart, so a long run shows it is alive without flooding it. */
const LOG_EVERY_MS = 10_000;

/** `1:02:03`, `4:05`, `0:09`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** One line of progress: `[#####-----]  12/40  30%  failed 1  3.2/s  ETA 0:09`; the bar only for a terminal. */
export function formatProgress(p: RunProgress, withBar: boolean): string {
  const fraction = p.total > 0 ? p.done / p.total : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = withBar ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]  ` : '';
  const eta = p.etaSeconds === undefined ? '' : `  ETA ${formatDuration(p.etaSeconds)}`;
  return `${bar}${p.done}/${p.total}  ${Math.floor(fraction * 100)}%  failed ${p.failed}  ${p.ratePerSecond.toFixed(1)}/s${eta}`;
}

export interface ProgressSink {
  update(progress: RunProgress): void;
  /** Leaves the terminal line clean (or logs the last figures) before the summary. */
  finish(): void;
}

/**
 * Live progress: on a terminal one line redrawn in place with a carriage return; elsewhere (CI
 * logs) a plain line every ten seconds.
 */
export function progressSink(write: (text: string) => void, terminal: boolean, now: () => number = Date.now): ProgressSink {
  let last: RunProgress | undefined;
  let drawnAt = -Infinity;
  return {
    update(progress) {
      last = progress;
      const interval = terminal ? REDRAW_MS : LOG_EVERY_MS;
      if (now() - drawnAt < interval && progress.done < progress.total) return;
      drawnAt = now();
      write(terminal ? `\r${formatProgress(progress, true)}\x1b[K` : `${formatProgress(progress, false)}\n`);
    },
    finish() {
      if (terminal && last) write('\r\x1b[K');
    },
  };
}
