import { describe, expect, it } from '@jest/globals';
import { ID_PATTERN } from '@ledger/ledger-domain';
import { importCommandId, innovatorIdFor, programmeIdFor } from './import-ids.js';

describe('import ids', () => {
  it('given a funder and a programme code, when the programme id is derived, then it reads as both', () => {
    expect(programmeIdFor('GB-CHC-1000147', 'Open Programme')).toBe('GB-CHC-1000147:open-programme');
    expect(programmeIdFor('GB-CHC-000000', 'AAC')).toBe('GB-CHC-000000:aac');
  });

  it('given codes that differ only in case and punctuation, when derived, then they are one programme', () => {
    const ids = ['Open Programme', 'open-programme', ' OPEN  programme! '].map((key) =>
      programmeIdFor('GB-CHC-1', key),
    );
    expect(new Set(ids)).toEqual(new Set(['GB-CHC-1:open-programme']));
  });

  it('given no grant programme, when derived, then the programme is the funder’s org-id alone, apart from any code', () => {
    expect(programmeIdFor('GB-CHC-1000147', undefined)).toBe('GB-CHC-1000147');
    expect(programmeIdFor('GB-CHC-1000147', 'GB-CHC-1000147')).not.toBe('GB-CHC-1000147');
  });

  it('given a code of nothing but symbols, when derived, then a digest stands for it', () => {
    expect(programmeIdFor('GB-CHC-1', '£££')).toMatch(/^GB-CHC-1:[0-9a-f]{12}$/);
    expect(programmeIdFor('GB-CHC-1', '£££')).not.toBe(programmeIdFor('GB-CHC-1', '€€€'));
  });

  it('given an org-id with characters an id cannot hold, when derived, then they become - and a digest of the original keeps it unique', () => {
    const slash = programmeIdFor('XI-ORG/1', 'a');
    const space = programmeIdFor('XI-ORG 1', 'a');
    expect(slash).toMatch(/^XI-ORG-1\.[0-9a-f]{12}:a$/);
    expect(space).toMatch(/^XI-ORG-1\.[0-9a-f]{12}:a$/);
    expect(slash).not.toBe(space);
  });

  it('given a code too long for an id, when derived, then the id is cut to 128 and ends with a digest of the whole', () => {
    const long = programmeIdFor('GB-CHC-1', 'x'.repeat(200));
    const longer = programmeIdFor('GB-CHC-1', 'x'.repeat(201));
    expect(long).toHaveLength(128);
    expect(long).toMatch(/^GB-CHC-1:x+\.[0-9a-f]{12}$/);
    expect(long).not.toBe(longer);
  });

  it('given a recipient organisation or individual, when the innovator id is derived, then it is scoped to the programme', () => {
    const programmeId = 'GB-CHC-1000147:open-programme';
    expect(innovatorIdFor(programmeId, { kind: 'organisation', orgId: 'GB-CHC-1126147' })).toBe(
      'GB-CHC-1000147:open-programme:GB-CHC-1126147',
    );
    expect(innovatorIdFor(programmeId, { kind: 'individual', id: '360G-PHF-IND-42' })).toBe(
      'GB-CHC-1000147:open-programme:individual:360G-PHF-IND-42',
    );
    expect(innovatorIdFor('GB-CHC-1000147:anchor', { kind: 'organisation', orgId: 'GB-CHC-1126147' })).toBe(
      'GB-CHC-1000147:anchor:GB-CHC-1126147',
    );
  });

  it('given any derived id, then it matches ID_PATTERN', () => {
    const ids = [
      programmeIdFor('GB-CHC-1', 'ünïcödé programme'),
      programmeIdFor('.hidden', undefined),
      innovatorIdFor('p'.repeat(128), { kind: 'individual', id: 'ü'.repeat(300) }),
    ];
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
  });

  it('given the same parts, when a command id is derived, then it is the same; other parts or another role give another', () => {
    const award = importCommandId('award', 'GB-CHC-1000147', '360G-ABCT-1');
    expect(award).toMatch(/^360g-award-[0-9a-f]{32}$/);
    expect(importCommandId('award', 'GB-CHC-1000147', '360G-ABCT-1')).toBe(award);
    expect(importCommandId('award', 'GB-CHC-1000148', '360G-ABCT-1')).not.toBe(award);
    expect(importCommandId('enrol', 'GB-CHC-1000147', '360G-ABCT-1')).not.toBe(
      award.replace('award', 'enrol'),
    );
    expect(importCommandId('award', 'a-b', 'c')).not.toBe(importCommandId('award', 'a', 'b-c'));
  });
});
