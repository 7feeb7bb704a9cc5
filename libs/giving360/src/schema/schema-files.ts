import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GRANT_SCHEMA_FILE = '360-giving-schema.json';
export const PACKAGE_SCHEMA_FILE = '360-giving-package-schema.json';

/** The variable naming another folder of the standard's schema files (e.g. `../shared/data/360giving`). */
export const SCHEMA_DIR_VARIABLE = 'LEDGER_360GIVING_SCHEMA_DIR';

/** A JSON Schema document as read from disk. */
export type JsonSchemaDocument = Readonly<Record<string, unknown>>;

/** The standard's two schema files, read from one folder. */
export interface Giving360SchemaFiles {
  /** Absolute path of the folder they were read from. */
  readonly dir: string;
  readonly grantSchema: JsonSchemaDocument;
  readonly packageSchema: JsonSchemaDocument;
  /** The standard's release, from the grant schema's `$id`, e.g. `1.4.3`. */
  readonly release: string;
}

/** The schema folder is missing or does not hold the standard's files. Names the path it looked at. */
export class Giving360SchemaFilesError extends Error {
  override readonly name = 'Giving360SchemaFilesError';

  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      `360Giving schema files: ${path} ${problem}. The ledger ships them in libs/giving360/schema; ` +
        `${SCHEMA_DIR_VARIABLE} may name another folder holding ${GRANT_SCHEMA_FILE} and ${PACKAGE_SCHEMA_FILE}.`,
    );
  }
}

const BUNDLED = join('libs', 'giving360', 'schema');

/**
 * The copy of the schema files shipped with the ledger. Found by walking up from this module, so it
 * is the same folder whether the code runs from source (jest) or from `dist/` (the built apps and
 * the Docker image, which copies `libs/giving360/schema` next to `dist`).
 */
export function bundledSchemaDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let at = from; ; at = dirname(at)) {
    for (const candidate of [join(at, 'schema'), join(at, BUNDLED)]) {
      if (existsSync(join(candidate, GRANT_SCHEMA_FILE))) return candidate;
    }
    if (dirname(at) === at) return resolve(from, '..', 'schema');
  }
}

/**
 * Reads the grant and package schemas from `dir` (the bundled copy by default), offline.
 *
 * @throws Giving360SchemaFilesError naming the folder or file that is missing or unreadable.
 * @example
 * loadGiving360SchemaFiles().release; // '1.4.3'
 */
export function loadGiving360SchemaFiles(dir: string = bundledSchemaDir()): Giving360SchemaFiles {
  const folder = resolve(dir);
  if (!existsSync(folder)) throw new Giving360SchemaFilesError(folder, 'does not exist');
  const grantSchema = readJson(join(folder, GRANT_SCHEMA_FILE));
  const packageSchema = readJson(join(folder, PACKAGE_SCHEMA_FILE));
  return { dir: folder, grantSchema, packageSchema, release: releaseOf(grantSchema, folder) };
}

function readJson(file: string): JsonSchemaDocument {
  if (!existsSync(file)) throw new Giving360SchemaFilesError(file, 'is missing');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Giving360SchemaFilesError(file, `is not JSON (${String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Giving360SchemaFilesError(file, 'is not a JSON Schema object');
  }
  return value as JsonSchemaDocument;
}

/** `https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/...` → `1.4.3`. */
function releaseOf(grantSchema: JsonSchemaDocument, folder: string): string {
  const id = grantSchema['$id'];
  const release = typeof id === 'string' ? /\/(\d+\.\d+\.\d+)\//.exec(id)?.[1] : undefined;
  if (release === undefined) {
    throw new Giving360SchemaFilesError(join(folder, GRANT_SCHEMA_FILE), 'has no $id naming a release');
  }
  return release;
}
