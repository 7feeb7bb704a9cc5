import { describe, expect, it } from '@jest/globals';
import { penceFromAmount, penceFromPounds } from './pounds-to-pence.js';

const codeOf = (result: ReturnType<typeof penceFromPounds>): string | undefined =>
  'problem' in result ? result.problem.code : undefined;

describe('pounds to pence', () => {
  it.each([
    [30000, 3_000_000],
    [1234.5, 123_450],
    [999.99, 99_999],
    [0.01, 1],
    [0.1, 10],
    [1.1, 110],
    [19.99, 1_999],
    [1e3, 100_000],
    [152505, 15_250_500],
    [9_999_999_999_999.99, 999_999_999_999_999],
  ])('given the JSON number %p, when converted, then it is exactly %p pence', (pounds, pence) => {
    expect(penceFromAmount(pounds)).toEqual({ pence });
  });

  it.each([
    ['30000', 3_000_000],
    ['30000.00', 3_000_000],
    [' 1234.50 ', 123_450],
    ['1.230', 123],
    ['.5', 50],
    ['5.', 500],
    ['+7', 700],
    ['1.5e3', 150_000],
    ['1234E-2', 1_234],
    ['000012.30', 1_230],
  ])('given the text %p (a CSV cell), when converted, then it is exactly %p pence', (text, pence) => {
    expect(penceFromAmount(text)).toEqual({ pence });
  });

  it('given the float sums that are not what they print as, when converted, then they are refused, not rounded', () => {
    expect(codeOf(penceFromAmount(0.1 + 0.2))).toBe('AMOUNT.FRACTION_OF_A_PENNY');
    expect(penceFromAmount(1.15 * 100)).toEqual({
      problem: {
        code: 'AMOUNT.FRACTION_OF_A_PENNY',
        message: 'amountAwarded "114.99999999999999" has more than 2 decimal places',
      },
    });
  });

  it.each([
    [0, 'AMOUNT.ZERO'],
    ['0.00', 'AMOUNT.ZERO'],
    ['-0', 'AMOUNT.ZERO'],
    [-5, 'AMOUNT.NEGATIVE'],
    ['-0.01', 'AMOUNT.NEGATIVE'],
    [12.345, 'AMOUNT.FRACTION_OF_A_PENNY'],
    ['0.001', 'AMOUNT.FRACTION_OF_A_PENNY'],
    [5e-324, 'AMOUNT.FRACTION_OF_A_PENNY'],
    [1e21, 'AMOUNT.TOO_LARGE'],
    ['10000000000000', 'AMOUNT.TOO_LARGE'],
    ['1e999999', 'AMOUNT.TOO_LARGE'],
    [Number.NaN, 'AMOUNT.NOT_A_NUMBER'],
    [Number.POSITIVE_INFINITY, 'AMOUNT.NOT_A_NUMBER'],
    ['£1,000', 'AMOUNT.NOT_A_NUMBER'],
    ['1,000.00', 'AMOUNT.NOT_A_NUMBER'],
    ['', 'AMOUNT.NOT_A_NUMBER'],
    ['.', 'AMOUNT.NOT_A_NUMBER'],
    ['twenty', 'AMOUNT.NOT_A_NUMBER'],
    [true, 'AMOUNT.NOT_A_NUMBER'],
    [null, 'AMOUNT.NOT_A_NUMBER'],
  ])('given %p, when converted, then it is refused with %s', (value, code) => {
    expect(codeOf(penceFromAmount(value))).toBe(code);
  });

  it('given a refused amount, when reported, then the message names the field and the value as written', () => {
    expect(penceFromPounds('12.345', 'Amount Awarded')).toEqual({
      problem: {
        code: 'AMOUNT.FRACTION_OF_A_PENNY',
        message: 'Amount Awarded "12.345" has more than 2 decimal places',
      },
    });
    expect(penceFromAmount(0)).toEqual({
      problem: { code: 'AMOUNT.ZERO', message: 'amountAwarded "0" is zero: a grant is above zero' },
    });
  });
});
