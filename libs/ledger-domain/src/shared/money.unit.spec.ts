import { describe, expect, it } from '@jest/globals';
import { formatPounds, pence } from './money.js';

describe('money', () => {
  it('given pence, when formatted, then shows exact pounds', () => {
    expect(formatPounds(pence(36_000_000))).toBe('£360,000.00');
    expect(formatPounds(pence(1))).toBe('£0.01');
  });
  it('given a fraction or negative, when branded, then refuses', () => {
    expect(() => pence(1.5)).toThrow(RangeError);
    expect(() => pence(-1)).toThrow(RangeError);
  });
});
