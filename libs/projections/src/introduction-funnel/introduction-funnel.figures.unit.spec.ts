import { describe, expect, it } from '@jest/globals';
import { conversionRate, funnelRows, median } from './introduction-funnel.figures.js';

describe('funnel figures', () => {
  it('given no values, then the median is null', () => {
    expect(median([])).toBeNull();
  });

  it('given an odd count of values in any order, then the median is the middle one', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('given an even count, then the median is the mean of the middle two', () => {
    expect(median([40, 10, 20, 30])).toBe(25);
    expect(median([10, 11])).toBe(10.5);
  });

  it('given 100 partnerships from 230 introductions, then the rate is 0.4348', () => {
    expect(conversionRate(100, 230)).toBe(0.4348);
  });

  it('given no introductions, then the rate is 0', () => {
    expect(conversionRate(0, 0)).toBe(0);
  });

  it('given points under several keys, then there is one row per key in key order', () => {
    const points = [
      { key: 'b', converted: true, daysToPartnership: 5 },
      { key: 'a', converted: false, daysToPartnership: null },
      { key: 'b', converted: false, daysToPartnership: null },
    ];
    expect(funnelRows(points)).toEqual([
      { key: 'a', introductions: 1, partnerships: 0, conversionRate: 0, medianDaysToPartnership: null },
      { key: 'b', introductions: 2, partnerships: 1, conversionRate: 0.5, medianDaysToPartnership: 5 },
    ]);
  });
});
