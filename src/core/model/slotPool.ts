/**
 * A fixed set of slots (the context sequences of one loaded model) shared by concurrent requests:
 * a request takes a free slot or waits, first come first served, until one is released or its
 * signal aborts the wait.
 */
export class SlotPool<T> {
  private readonly free: T[];
  private readonly waiting: { take: (slot: T) => void }[] = [];

  constructor(slots: readonly T[]) {
    this.free = [...slots];
  }

  acquire(signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
    if (signal?.aborted) return Promise.reject(onAbort());
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const waiter = {
        take: (taken: T) => {
          signal?.removeEventListener('abort', cancel);
          resolve(taken);
        },
      };
      const cancel = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(onAbort());
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(slot: T): void {
    const next = this.waiting.shift();
    if (next) next.take(slot);
    else this.free.push(slot);
  }
}
