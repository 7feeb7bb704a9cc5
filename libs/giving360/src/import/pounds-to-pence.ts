import { type Pence, pence } from '@ledger/ledger-domain';
import { MAX_EXACT_PENCE } from '../pounds.js';
import { type GrantProblem, problem, shown } from './grant-problem.js';

export type PenceResult = { readonly pence: Pence } | { readonly problem: GrantProblem };

/** Sign, whole pounds, decimals, exponent: every way a JSON number or a spreadsheet writes one. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_PENCE_DIGITS = String(MAX_EXACT_PENCE).length;

/**
 * Exact pence from the decimal text of an amount of pounds, by moving the decimal point in the text:
 * no float arithmetic, so `1234.5` is 123450 and `999.99` is 99999, never 99998.99999.
 * Zero, negative, a fraction of a penny and more than MAX_EXACT_PENCE (the most an export writes back
 * digit for digit) are problems.
 *
 * @example
 * penceFromPounds('30000');   // { pence: 3000000 }
 * penceFromPounds('12.345');  // { problem: { code: 'AMOUNT.FRACTION_OF_A_PENNY', ... } }
 */
export function penceFromPounds(text: string, field = 'amountAwarded'): PenceResult {
  const match = DECIMAL.exec(text.trim());
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  const what = `${field} ${shown(text)}`;
  if (!match || whole + fraction === '') {
    return { problem: problem('AMOUNT.NOT_A_NUMBER', `${what} is not an amount of pounds`) };
  }
  // The amount is `digits` × 10^scale pence.
  let digits = (whole + fraction).replace(/^0+/, '');
  let scale = Number(exponent) - fraction.length + 2;
  if (digits === '') return { problem: problem('AMOUNT.ZERO', `${what} is zero: a grant is above zero`) };
  if (sign === '-') return { problem: problem('AMOUNT.NEGATIVE', `${what} is negative`) };
  for (; digits.endsWith('0'); scale += 1) digits = digits.slice(0, -1);
  if (scale < 0) {
    return { problem: problem('AMOUNT.FRACTION_OF_A_PENNY', `${what} has more than 2 decimal places`) };
  }
  const value = digits.length + scale > MAX_PENCE_DIGITS ? Infinity : Number(digits + '0'.repeat(scale));
  if (value > MAX_EXACT_PENCE) {
    return { problem: problem('AMOUNT.TOO_LARGE', `${what} is more than the ledger carries exactly`) };
  }
  return { pence: pence(value) };
}

/**
 * Exact pence from an amount as a file holds it: a JSON number is read from its shortest decimal
 * text (`String(n)`, the digits the file most likely wrote); a string (a CSV cell, or a publisher
 * that quotes numbers) from its text as written.
 */
export function penceFromAmount(value: unknown, field = 'amountAwarded'): PenceResult {
  if (typeof value === 'string') return penceFromPounds(value, field);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { problem: problem('AMOUNT.NOT_A_NUMBER', `${field} ${shown(value)} is not an amount of pounds`) };
  }
  return penceFromPounds(String(value), field);
}
