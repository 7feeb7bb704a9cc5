import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithShippedFiles, ORIGINALS_PRESENT, SHIPPED_DIR } from '../shipped-files.fixtures.spec.js';
import {
  bundledSchemaDir,
  GRANT_SCHEMA_FILE,
  Giving360SchemaFilesError,
  loadGiving360SchemaFiles,
  PACKAGE_SCHEMA_FILE,
} from './schema-files.js';
import { createGiving360Validator, giving360Validator } from './schema-validator.js';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('the 360Giving schemas the ledger ships', () => {
  it('given the bundled copy, when loaded, then it is release 1.4.3 and packages state version 1.4', () => {
    const validator = giving360Validator();
    expect(loadGiving360SchemaFiles().dir).toBe(bundledSchemaDir());
    expect([validator.release, validator.packageVersion]).toEqual(['1.4.3', '1.4']);
  });

  it('given the copy found from dist/, when located, then it is the same folder as from the sources', () => {
    const fromDist = join(bundledSchemaDir(), '../../../dist/libs/giving360/src/schema');
    expect(bundledSchemaDir(fromDist)).toBe(bundledSchemaDir());
  });

  it('given an empty package or a grant without a description, when validated, then the schema errors name where', () => {
    const validator = giving360Validator();
    expect(validator.validatePackage({ grants: [] })).toEqual([
      { path: '/grants', message: 'must NOT have fewer than 1 items' },
    ]);
    const grant = {
      id: '360G-x-1',
      title: 'A grant',
      currency: 'GBP',
      amountAwarded: 10,
      awardDate: '2017-09-01',
      recipientOrganization: [{ id: 'GB-CHC-1144091', name: 'Nesta' }],
      fundingOrganization: [{ id: 'GB-GOR-D5', name: 'DCMS' }],
      dataSource: 'not a uri',
    };
    const errors = validator.validatePackage({ grants: [grant] });
    expect(errors).toContainEqual({
      path: '/grants/0',
      message: "must have required property 'description'",
    });
    expect(errors).toContainEqual({ path: '/grants/0/dataSource', message: 'must match format "uri"' });
  });

  it('given a folder that is missing or lacks a file, when loaded, then the error names the path', () => {
    expect(() => loadGiving360SchemaFiles('/nowhere/360giving')).toThrow(
      new Giving360SchemaFilesError('/nowhere/360giving', 'does not exist'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'giving360-schema-'));
    try {
      writeFileSync(join(dir, GRANT_SCHEMA_FILE), readFileSync(join(bundledSchemaDir(), GRANT_SCHEMA_FILE)));
      expect(() => loadGiving360SchemaFiles(dir)).toThrow(`${join(dir, PACKAGE_SCHEMA_FILE)} is missing`);
      expect(() => loadGiving360SchemaFiles(dir)).toThrow('LEDGER_360GIVING_SCHEMA_DIR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithShippedFiles('the bundled schemas against the shipped originals', () => {
  // Without the originals beside the repository there is nothing to compare the copies with.
  const compare = ORIGINALS_PRESENT ? it : it.skip;
  compare(
    'given the shipped folder, when compared, then the bundled schemas and codelists are byte for byte the same',
    () => {
      const files = [
        GRANT_SCHEMA_FILE,
        PACKAGE_SCHEMA_FILE,
        ...readdirSync(join(SHIPPED_DIR, 'codelists')).map((f) => `codelists/${f}`),
        ...readdirSync(join(SHIPPED_DIR, 'grants')).map((f) => `grants/${f}`),
      ];
      for (const file of files) {
        expect({
          file,
          same: readFileSync(join(bundledSchemaDir(), file)).equals(readFileSync(join(SHIPPED_DIR, file))),
        }).toEqual({
          file,
          same: true,
        });
      }
    },
  );

  it('given the shipped folder as LEDGER_360GIVING_SCHEMA_DIR would name it, when loaded, then a published file validates and a broken one does not', () => {
    const validator = createGiving360Validator(loadGiving360SchemaFiles(SHIPPED_DIR));
    expect(
      validator.validatePackage(readJson(join(SHIPPED_DIR, 'grants/a-b-charitable-trust.json'))),
    ).toEqual([]);
    const errors = validator.validatePackage(readJson(join(SHIPPED_DIR, 'grants/invalid-fixture.json')));
    expect(errors).toContainEqual({
      path: '/grants/0',
      message: "must have required property 'description'",
    });
    expect(errors).toContainEqual({ path: '/grants/0/awardDate', message: 'must match format "date-time"' });
  });
});
