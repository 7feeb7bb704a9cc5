import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EnvReader } from './env-reader.js';
import { type Giving360Config, GIVING360_PREFIX_PATTERN } from './ledger-config.js';

/** The file the standard's schema folder must hold (`@ledger/giving360` reads it and its package schema). */
const GRANT_SCHEMA_FILE = '360-giving-schema.json';

/**
 * The 360Giving publishing settings. All optional: a ledger that never exports needs none, and an
 * export without a prefix is refused when it is asked for, naming LEDGER_360GIVING_PREFIX.
 */
export function readGiving360(read: EnvReader): Giving360Config {
  const prefix = read.optional('LEDGER_360GIVING_PREFIX');
  if (prefix !== undefined && !GIVING360_PREFIX_PATTERN.test(prefix)) {
    const why = /^360G-/i.test(prefix) ? ' (give the part after 360G-)' : '';
    read.fail(
      'LEDGER_360GIVING_PREFIX',
      `must be a 360Giving prefix of letters, digits, - and _${why}, got ${JSON.stringify(prefix)}`,
    );
  }
  const dataSource = read.optional('LEDGER_360GIVING_DATA_SOURCE');
  if (dataSource !== undefined && !isHttpUrl(dataSource)) {
    read.fail(
      'LEDGER_360GIVING_DATA_SOURCE',
      `must be an http:// or https:// URL, got ${JSON.stringify(dataSource)}`,
    );
  }
  const dir = read.optional('LEDGER_360GIVING_SCHEMA_DIR');
  const schemaDir = dir === undefined ? undefined : resolve(dir);
  if (schemaDir !== undefined && !existsSync(join(schemaDir, GRANT_SCHEMA_FILE))) {
    read.fail('LEDGER_360GIVING_SCHEMA_DIR', `names ${schemaDir}, which holds no ${GRANT_SCHEMA_FILE}`);
  }
  return {
    ...(prefix === undefined ? {} : { prefix }),
    ...(dataSource === undefined ? {} : { dataSource }),
    ...(schemaDir === undefined ? {} : { schemaDir }),
  };
}

/** An absolute http(s) URL, as a 360Giving `dataSource` must be for people to follow it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
