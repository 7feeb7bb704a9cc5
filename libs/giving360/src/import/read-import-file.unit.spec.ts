import { describe, expect, it } from '@jest/globals';
import { importFormatOf, importGrantsOfCsv, importGrantsOfJson } from './read-import-file.js';

describe('reading a 360Giving file', () => {
  it('given file names, when their format is asked, then .json and .csv in any case, nothing else', () => {
    expect(['a.json', 'b.CSV', 'c.xlsx', 'json'].map(importFormatOf)).toEqual([
      'json',
      'csv',
      undefined,
      undefined,
    ]);
  });

  it('given JSON that is not a data package, when read, then it says why', () => {
    expect(() => importGrantsOfJson('[{"id":"360G-1"}]', 'x.json')).toThrow(
      'x.json is not a 360Giving data package: it has no "grants" array',
    );
    expect(() => importGrantsOfJson('{"grants": [', 'x.json')).toThrow('x.json is not JSON');
  });

  it('given a CSV under the standard’s titles in any case, when read, then rows become grants, the amount keeps its text, unknown columns are dropped and a person is known by id', () => {
    const csv = [
      '\uFEFFIdentifier,Amount Awarded,recipient org: identifier,Recipient Ind:Identifier,Full name of applicant',
      '360G-x-1,1234.50,GB-CHC-1,,Miss Jane Roe',
      '360G-x-2,20000,,360G-x-IND-7,Mr John Doe',
    ].join('\n');

    expect(importGrantsOfCsv(csv)).toEqual([
      { id: '360G-x-1', amountAwarded: '1234.50', recipientOrganization: [{ id: 'GB-CHC-1' }] },
      { id: '360G-x-2', amountAwarded: '20000', recipientIndividual: { id: '360G-x-IND-7' } },
    ]);
  });
});
