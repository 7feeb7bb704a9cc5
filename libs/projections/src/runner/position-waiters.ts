/** true: reached; false: can no longer be reached; undefined: not yet. */
export type Verdict = boolean | undefined;

interface Waiter {
  readonly check: () => Verdict;
  readonly settle: (reached: boolean) => void;
}

/**
 * Promises that settle when a condition on the runner's progress holds, re-checked on every
 * change the runner reports (a committed batch, a failure, a stop) rather than by polling.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves with the first verdict `check` gives, or false after `timeoutMs`. */
  wait(check: () => Verdict, timeoutMs: number): Promise<boolean> {
    const verdict = check();
    if (verdict !== undefined) return Promise.resolve(verdict);
    return new Promise((resolve) => {
      const settle = (reached: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(reached);
      };
      const waiter: Waiter = { check, settle };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** How many are waiting. */
  get pending(): number {
    return this.waiters.size;
  }

  /** Re-checks every waiter; called after each change of a checkpoint. */
  notify(): void {
    for (const waiter of [...this.waiters]) {
      const verdict = waiter.check();
      if (verdict !== undefined) waiter.settle(verdict);
    }
  }

  /** Resolves every waiter with false: nothing will move any more. */
  cancelAll(): void {
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }
}
