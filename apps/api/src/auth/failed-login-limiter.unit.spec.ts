import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@ledger/config';
import { FailedLoginLimiter } from './failed-login-limiter.js';

const limiterOf = (limit: number, windowSeconds: number) =>
  new FailedLoginLimiter(
    loadConfig({
      LEDGER_AUTH_FAILURE_LIMIT: String(limit),
      LEDGER_AUTH_FAILURE_WINDOW_SECONDS: String(windowSeconds),
    }),
  );

describe('failed login limiter', () => {
  it('given fewer failures than the limit, when asked, then the address may still try', () => {
    const limiter = limiterOf(3, 60);
    limiter.recordFailure('10.0.0.1', 1_000);
    limiter.recordFailure('10.0.0.1', 2_000);

    expect(limiter.retryAfterSeconds('10.0.0.1', 3_000)).toBe(0);
  });

  it('given the limit reached, when asked, then it must wait until its oldest counted failure leaves the window', () => {
    const limiter = limiterOf(3, 60);
    for (const at of [1_000, 2_000, 30_000]) limiter.recordFailure('10.0.0.1', at);

    expect(limiter.retryAfterSeconds('10.0.0.1', 31_000)).toBe(30);
    expect(limiter.retryAfterSeconds('10.0.0.1', 61_000)).toBe(0);
  });

  it('given one address locked out, when another asks, then the other is not affected', () => {
    const limiter = limiterOf(2, 60);
    limiter.recordFailure('10.0.0.1', 1_000);
    limiter.recordFailure('10.0.0.1', 1_000);

    expect(limiter.retryAfterSeconds('10.0.0.1', 1_500)).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2', 1_500)).toBe(0);
  });

  it('given failures spread wider than the window, when asked, then only those inside it count', () => {
    const limiter = limiterOf(3, 10);
    for (const at of [0, 5_000, 11_000, 12_000]) limiter.recordFailure('10.0.0.1', at);

    // 0 has left the window: three remain (5 s, 11 s, 12 s), so the address waits until 15 s.
    expect(limiter.retryAfterSeconds('10.0.0.1', 12_500)).toBe(3);
    expect(limiter.retryAfterSeconds('10.0.0.1', 15_001)).toBe(0);
  });
});
