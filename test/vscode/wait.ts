import { setTimeout as delay } from 'node:timers/promises';

/** Rejects with `message` (computed late, so it can include the latest log lines) if `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(typeof message === 'string' ? message : message())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `probe` every 100 ms until it returns a value, for state no selector can wait on (text
 * that needs normalising, iframes picked by their content); rejects with `message` after `ms`.
 */
export async function poll<T>(probe: () => Promise<T | undefined>, ms: number, message: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(message());
    await delay(100);
  }
}
