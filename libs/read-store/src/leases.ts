/**
 * Single-active work across processes: a lease on a name (a projection) that at most one process
 * holds at a time, and that passes to another when its holder dies.
 */
export interface Lease {
  readonly name: string;
  /** Settles when the lease is lost (its connection died): stop the work it guarded. */
  readonly lost: Promise<void>;
  /** Gives the lease up; safe to call twice, and after it was lost. */
  release(): Promise<void>;
}

export interface Leases {
  /** The lease on `name`, or undefined when another process holds it. */
  tryAcquire(name: string): Promise<Lease | undefined>;
  /** Releases every lease this holds. */
  close(): Promise<void>;
}
