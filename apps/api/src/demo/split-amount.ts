/**
 * Splits a whole amount in proportion to whole-number weights so the parts add up to exactly the
 * amount: each part is rounded down and the last takes what rounding left over.
 *
 * @example
 * splitAmount(100, [1, 1, 1]); // [33, 33, 34]
 */
export function splitAmount(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || weights.length === 0 || weights.some((w) => !(w > 0))) {
    throw new RangeError('splitAmount needs a whole total and at least one weight above zero');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / sum));
  const rest = total - parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = (parts.at(-1) ?? 0) + rest;
  return parts;
}
