/** Pages of read-model queries: 50 rows unless asked, never more than 500. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(Math.trunc(value), min), max);

/**
 * The limit and offset of a page, clamped rather than refused: the HTTP edge validates, so what
 * reaches here is only ever kept within bounds.
 *
 * @example
 * pageWindow({ limit: 1000 }); // { limit: 500, offset: 0 }
 */
export function pageWindow(filters: { readonly limit?: number; readonly offset?: number }): {
  limit: number;
  offset: number;
} {
  return {
    limit: clamp(filters.limit ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    offset: clamp(filters.offset ?? 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** A SQL count as a number: PostgreSQL counts as bigint, which its driver returns as a string. */
export function countOf(total: number | string | bigint): number {
  return Number(total);
}
