import { Ajv, type AnySchemaObject, type ErrorObject } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { resolve } from 'node:path';
import {
  bundledSchemaDir,
  GRANT_SCHEMA_FILE,
  type Giving360SchemaFiles,
  loadGiving360SchemaFiles,
} from './schema-files.js';

/** One way a package breaks the schema: where (a JSON pointer) and what. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

export interface Giving360Validator {
  /** The standard's release the schemas are, e.g. `1.4.3`. */
  readonly release: string;
  /** The `version` a package states: the release's major.minor, e.g. `1.4`. */
  readonly packageVersion: string;
  /** Every schema error of a whole package; empty when it is valid. */
  validatePackage(pkg: unknown): SchemaError[];
}

/** Keywords the 360Giving schemas add for their tools: annotations, not assertions. */
const ANNOTATIONS = ['codelist', 'openCodelist', 'rollUp'];

type AjvInstance = Ajv | Ajv2019 | Ajv2020;

/** The Ajv class of the draft a schema's `$schema` names. */
function ajvFor($schema: unknown): AjvInstance {
  const options = { allErrors: true, strictRequired: false, strictTypes: false } as const;
  const draft = typeof $schema === 'string' ? $schema : '';
  if (draft.includes('2020-12')) return new Ajv2020(options);
  if (draft.includes('2019-09')) return new Ajv2019(options);
  if (draft.includes('draft-07') || draft === '') return new Ajv(options);
  throw new Error(`The 360Giving schema names ${draft}, a JSON Schema draft this ledger does not validate`);
}

/**
 * The shipped files say `http://json-schema.org/draft/2020-12/schema` where Ajv registers the draft
 * under `https://`: the same meta-schema, so it is registered under the files' spelling as well.
 */
function registerMetaSchemaAlias(ajv: AjvInstance, $schema: unknown): void {
  if (typeof $schema !== 'string') return;
  const declared = $schema.replace(/#$/, '');
  if (ajv.getSchema(declared) !== undefined) return;
  const meta = ajv.getSchema(declared.replace(/^http:/, 'https:'))?.schema;
  if (meta === undefined || typeof meta === 'boolean') {
    throw new Error(`The 360Giving schema names the meta-schema ${declared}, which Ajv does not know`);
  }
  ajv.addMetaSchema(meta, declared);
}

/**
 * The package schema of 1.4.3 refers to the grant schema by its 1.4.2 address. Every `$ref` to a
 * grant schema file other than the one shipped is pointed at the shipped file, which stays offline.
 */
function grantSchemaRefs(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => grantSchemaRefs(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.endsWith(`/${GRANT_SCHEMA_FILE}`)) {
        found.add(value);
      } else grantSchemaRefs(value, found);
    }
  }
  return found;
}

/**
 * Compiles the package schema (with the grant schema it refers to) into a validator, with the
 * formats (`date-time`, `uri`) checked by ajv-formats.
 *
 * @example
 * const validator = createGiving360Validator(loadGiving360SchemaFiles());
 * validator.validatePackage({ grants: [] }); // [{ path: '/grants', message: 'must NOT have fewer than 1 items' }]
 */
export function createGiving360Validator(files: Giving360SchemaFiles): Giving360Validator {
  const { grantSchema, packageSchema } = files;
  const ajv = ajvFor(grantSchema['$schema']);
  ajvFormats.default(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  registerMetaSchemaAlias(ajv, grantSchema['$schema']);
  registerMetaSchemaAlias(ajv, packageSchema['$schema']);
  const grant = grantSchema as AnySchemaObject;
  ajv.addSchema(grant);
  for (const ref of grantSchemaRefs(packageSchema)) {
    if (ref !== grant['$id']) ajv.addSchema(grant, ref);
  }
  const validate = ajv.compile(packageSchema as AnySchemaObject);
  return {
    release: files.release,
    packageVersion: files.release.split('.').slice(0, 2).join('.'),
    validatePackage: (pkg) => (validate(pkg) ? [] : (validate.errors ?? []).map(toSchemaError)),
  };
}

const toSchemaError = (error: ErrorObject): SchemaError => ({
  path: error.instancePath === '' ? '/' : error.instancePath,
  message: error.message ?? error.keyword,
});

const cache = new Map<string, Giving360Validator>();

/**
 * The validator of the schema files in `dir` (the bundled copy by default), compiled once per folder.
 *
 * @throws Giving360SchemaFilesError when the folder or a file is missing, naming the path.
 */
export function giving360Validator(dir: string = bundledSchemaDir()): Giving360Validator {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const validator = createGiving360Validator(loadGiving360SchemaFiles(key));
  cache.set(key, validator);
  return validator;
}
