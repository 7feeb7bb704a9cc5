/** An amount of money as an integer count of pence. Never a float of pounds. */
export type Pence = number & { readonly __brand: 'Pence' };

export const CURRENCY = 'GBP' as const;
export type Currency = typeof CURRENCY;

export function isPence(value: unknown): value is Pence {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Brands a number as pence, refusing anything that is not a non-negative safe integer. */
export function pence(value: number): Pence {
  if (!isPence(value)) {
    throw new RangeError(`Money must be a non-negative whole number of pence, got ${String(value)}`);
  }
  return value;
}

export function addPence(a: Pence, b: Pence): Pence {
  return pence(a + b);
}

export function subtractPence(a: Pence, b: Pence): Pence {
  return pence(a - b);
}

/** Formats pence as pounds for people, e.g. 2000000 -> "£20,000.00". Exact: no float arithmetic. */
export function formatPounds(amount: Pence): string {
  const pounds = Math.trunc(amount / 100);
  const rest = amount % 100;
  return `£${pounds.toLocaleString('en-GB')}.${rest.toString().padStart(2, '0')}`;
}
