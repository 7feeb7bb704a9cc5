import { describe, expect, it } from '@jest/globals';
import { giving360GrantId, recipientOrgId, registrationNumbersOf } from './identifiers.js';

describe('360Giving identifiers', () => {
  it('given a ledger grant id, when made a 360Giving id, then it is 360G-<prefix>-<id>', () => {
    expect(giving360GrantId('iep-grant-01', 'nesta-iep')).toBe('360G-nesta-iep-iep-grant-01');
  });

  it('given an imported grant holding its published id, when made a 360Giving id, then it is kept as it is', () => {
    expect(giving360GrantId('360G-fundingproviders-000001', 'nesta-iep')).toBe(
      '360G-fundingproviders-000001',
    );
  });

  it('given a recipient with and without an org-id, when identified, then its own is kept and a missing one is minted under the prefix', () => {
    expect(recipientOrgId({ innovatorId: 'i1', orgId: 'GB-COH-09876543' }, 'p')).toBe('GB-COH-09876543');
    expect(recipientOrgId({ innovatorId: 'i1' }, 'nesta-iep')).toBe('360G-nesta-iep-innovator-i1');
  });

  it('given charity and company org-ids, when read, then their numbers fill the matching column', () => {
    expect(registrationNumbersOf('GB-CHC-1144091')).toEqual({ charityNumber: '1144091' });
    expect(registrationNumbersOf('GB-COH-SC123459')).toEqual({ companyNumber: 'SC123459' });
    expect(registrationNumbersOf('GB-GOR-D5')).toEqual({});
  });
});
