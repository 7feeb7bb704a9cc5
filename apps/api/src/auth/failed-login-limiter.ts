import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';

/** Addresses remembered at most: a flood from many addresses cannot grow the map without bound. */
const MAX_ADDRESSES = 10_000;

/**
 * Counts failed authentications (a bearer token or a sign-in that matches no principal) per client
 * address in a sliding window. Once an address has `limit` failures in the window, every attempt it
 * makes to authenticate is refused, valid token or not, until its oldest failure leaves the window:
 * otherwise guessing would go on at full speed and a hit would still show. Requests that present
 * no credentials are not counted, so probes and signed-out browsers never lock anyone out.
 *
 * Kept in memory, per process (like the browser sessions): a restart forgets the counts.
 *
 * @example
 * if (limiter.retryAfterSeconds(ip) > 0) refuse(429);
 * if (!principal) limiter.recordFailure(ip);
 */
@Injectable()
export class FailedLoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(@Inject(CONFIG) config: LedgerConfig) {
    this.limit = config.authFailures.limit;
    this.windowMs = config.authFailures.windowSeconds * 1000;
  }

  /** 0 when the address may try to authenticate, else the whole seconds until it may again. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const times = this.recent(address, now);
    if (times.length < this.limit) return 0;
    const oldest = times[times.length - this.limit] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const times = this.recent(address, now);
    times.push(now);
    // Only the last `limit` failures ever matter.
    if (times.length > this.limit) times.splice(0, times.length - this.limit);
    this.failures.delete(address);
    this.failures.set(address, times);
    if (this.failures.size > MAX_ADDRESSES) this.forgetOldest(now);
  }

  private recent(address: string, now: number): number[] {
    const times = this.failures.get(address) ?? [];
    const kept = times.filter((time) => time > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    return kept;
  }

  /** Drops addresses whose failures all left the window, then the least recently failed ones. */
  private forgetOldest(now: number): void {
    for (const [address, times] of this.failures) {
      if ((times.at(-1) ?? 0) <= now - this.windowMs) this.failures.delete(address);
    }
    for (const address of this.failures.keys()) {
      if (this.failures.size <= MAX_ADDRESSES) break;
      this.failures.delete(address);
    }
  }
}
