/**
 * Up to 15 significant digits, a decimal survives the trip to a double and back (JSON.stringify,
 * String) digit for digit. 999,999,999,999,999 pence (£10 trillion less a penny) is the last amount
 * with 15; anything above could come back different, so it is refused rather than rounded.
 */
export const MAX_EXACT_PENCE = 999_999_999_999_999;

/**
 * Integer pence as the decimal text of pounds, built from the integer's digits: no division, no
 * rounding. Trailing zeros of the pence are dropped, as a JSON number would write them.
 *
 * @example
 * penceToPoundsText(123456);  // '1234.56'
 * penceToPoundsText(2000000); // '20000'
 * penceToPoundsText(5);       // '0.05'
 */
export function penceToPoundsText(pence: number): string {
  if (!Number.isSafeInteger(pence) || pence < 0 || pence > MAX_EXACT_PENCE) {
    throw new RangeError(
      `An amount must be a whole number of pence from 0 to ${MAX_EXACT_PENCE}, got ${String(pence)}`,
    );
  }
  const digits = String(pence).padStart(3, '0');
  const pounds = digits.slice(0, -2);
  const fraction = digits.slice(-2).replace(/0+$/, '');
  return fraction === '' ? pounds : `${pounds}.${fraction}`;
}

/**
 * Pounds as the JSON number 360Giving wants, parsed from the exact decimal text, so that
 * `JSON.stringify` writes back exactly the digits of `penceToPoundsText`.
 *
 * @example
 * JSON.stringify({ amountAwarded: penceToPounds(123456) }); // '{"amountAwarded":1234.56}'
 */
export function penceToPounds(pence: number): number {
  return Number(penceToPoundsText(pence));
}

const POUNDS = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Pounds (a JSON number or its text) as integer pence, from the digits. More than two decimal
 * places, a sign, an exponent or thousands separators are refused, never rounded.
 *
 * @example
 * poundsToPence(1234.56);  // 123456
 * poundsToPence('20000');  // 2000000
 * poundsToPence(0.1 + 0.2); // RangeError: 0.30000000000000004 has more than two decimal places
 */
export function poundsToPence(pounds: number | string): number {
  const written = typeof pounds === 'number' ? String(pounds) : pounds.trim();
  const match = POUNDS.exec(written);
  if (match === null) {
    throw new RangeError(
      `An amount in pounds must be digits with at most two decimal places, got ${JSON.stringify(written)}`,
    );
  }
  const [, whole = '0', fraction = ''] = match;
  const pence = Number(`${whole}${fraction.padEnd(2, '0')}`);
  if (pence > MAX_EXACT_PENCE) {
    throw new RangeError(`An amount of ${written} pounds is too large to carry exactly`);
  }
  return pence;
}
