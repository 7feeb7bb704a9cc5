import { describe, expect, test } from '@jest/globals';
import {
  dateDisplay,
  horizonDisplay,
  leverageFigure,
  moneyFigure,
  percentOneDecimal,
  wholePercent,
} from './impact-report.format.js';

describe('impact report formats', () => {
  test('given pence, then money shows whole pounds when it can and pounds and pence when it cannot', () => {
    expect(moneyFigure(36_000_000)).toEqual({ pence: 36_000_000, display: '£360,000' });
    expect(moneyFigure(320_000_000).display).toBe('£3,200,000');
    expect(moneyFigure(65_000_050).display).toBe('£650,000.50');
    expect(moneyFigure(5).display).toBe('£0.05');
    expect(moneyFigure(0).display).toBe('£0');
  });

  test('given 100 partnerships against a target of 9, then it is 1,111% of target, the exact ratio kept', () => {
    expect(wholePercent(100, 9)).toEqual({
      numerator: 100,
      denominator: 9,
      value: 1111,
      rounding: 'percent, rounded half up to a whole number',
      display: '1,111%',
    });
  });

  test('given 100 partnerships from 230 introductions, then the conversion rate is 43.5%', () => {
    expect(percentOneDecimal(100, 230)).toMatchObject({
      numerator: 100,
      denominator: 230,
      value: 43.5,
      display: '43.5%',
    });
    expect(percentOneDecimal(1, 1).display).toBe('100.0%');
  });

  test('given halfway cases, then they round half up', () => {
    expect(wholePercent(1, 8).value).toBe(13);
    expect(percentOneDecimal(1, 16).value).toBe(6.3);
    expect(leverageFigure(1, 200).value).toBe(0.01);
  });

  test('given £650,000 of income on £360,000 of grants, then the leverage is £1.81 per £1 granted', () => {
    expect(leverageFigure(65_000_000, 36_000_000)).toMatchObject({
      value: 1.81,
      display: '£1.81 per £1 granted',
    });
  });

  test('given a zero denominator, then the figure is not applicable rather than infinite', () => {
    expect(wholePercent(3, 0)).toMatchObject({ value: null, display: 'n/a' });
    expect(percentOneDecimal(0, 0)).toMatchObject({ value: null, display: 'n/a' });
    expect(leverageFigure(100, 0)).toMatchObject({ value: null, display: 'n/a' });
  });

  test('given dates and horizons, then they read as people write them', () => {
    expect(dateDisplay('2017-08-01')).toBe('1 August 2017');
    expect(horizonDisplay([12])).toBe('12 months');
    expect(horizonDisplay([6, 12])).toBe('6–12 months');
    expect(horizonDisplay([])).toBe('n/a');
  });
});
