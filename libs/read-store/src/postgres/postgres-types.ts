import pg from 'pg';

/** PostgreSQL type ids whose text the driver would hand back as strings. */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * 64-bit integers as numbers: money is integer pence in `bigint` columns, and `count(*)`/`sum()` of
 * them come back as int8/numeric. Pence stay exact up to 2^53 (£90 trillion); past that the read
 * refuses rather than round.
 */
function toSafeNumber(text: string): number {
  const value = Number(text);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new RangeError(`The read store returned ${text}, beyond the integers a number holds exactly`);
  }
  return value;
}

/** The driver's type parsers with int8 and numeric read as exact numbers. */
export const READ_STORE_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number): ((text: string) => unknown) => {
    if (oid === INT8 || oid === NUMERIC) return toSafeNumber;
    return pg.types.getTypeParser(oid, 'text') as (text: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};
