import { describe, expect, it } from '@jest/globals';
import { MAX_EXACT_PENCE, penceToPounds, penceToPoundsText, poundsToPence } from './pounds.js';

describe('pence to pounds', () => {
  it.each([
    [0, '0'],
    [1, '0.01'],
    [5, '0.05'],
    [10, '0.1'],
    [99, '0.99'],
    [100, '1'],
    [101, '1.01'],
    [110, '1.1'],
    [123_456, '1234.56'],
    [152_505, '1525.05'],
    [2_000_000, '20000'],
    [36_000_000, '360000'],
    // Pence whose pounds no binary fraction holds: a division would come out 0.1 + 0.2 style.
    [1_000_000_007, '10000000.07'],
    [999_999_999_999_999, '9999999999999.99'],
  ])('given %d pence, when written, then the pounds are exactly %s', (pence, pounds) => {
    expect(penceToPoundsText(pence)).toBe(pounds);
    expect(JSON.stringify(penceToPounds(pence))).toBe(pounds);
    expect(poundsToPence(penceToPounds(pence))).toBe(pence);
    expect(poundsToPence(pounds)).toBe(pence);
  });

  it('given every amount of a seeded sweep across the range, when written and read back, then each round-trips digit for digit', () => {
    let seed = 20_170_801;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (let i = 0; i < 10_000; i += 1) {
      const pence = (next() * 2_147_483_647 + next()) % (MAX_EXACT_PENCE + 1);
      const text = penceToPoundsText(pence);
      expect(String(penceToPounds(pence))).toBe(text);
      expect(poundsToPence(text)).toBe(pence);
    }
  });

  it.each([[-1], [1.5], [Number.NaN], [MAX_EXACT_PENCE + 1], [Number.MAX_SAFE_INTEGER]])(
    'given %d, when written, then it is refused rather than rounded',
    (pence) => {
      expect(() => penceToPoundsText(pence)).toThrow(RangeError);
    },
  );

  it.each([['1,000'], ['£20'], ['1.234'], ['-5'], ['1e3'], [''], [0.1 + 0.2]])(
    'given %j pounds, when read as pence, then it is refused rather than rounded',
    (pounds) => {
      expect(() => poundsToPence(pounds)).toThrow(RangeError);
    },
  );
});
