/**
 * Tells waiting subscriptions that this store instance committed something, so they read at once
 * instead of on their next poll.
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    listeners.forEach((listener) => listener());
  }

  /** Calls `listener` once, on the next notify; returns a function that cancels it. */
  once(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
