import { describe, expect, it } from '@jest/globals';
import { LEDGER_UPCASTER_CHAIN } from '../upcasting/ledger-upcasters.js';

describe('PartnerRegistered upcasting', () => {
  it('given a version-1 registration with a contact person, when read, then version 2 derives the person id', () => {
    const v1 = {
      partnerId: 'partner-1',
      name: 'Co-op Foundation',
      sector: 'civil-society',
      contactPerson: { name: 'A. Person', email: 'a.person@example.org' },
    };
    expect(LEDGER_UPCASTER_CHAIN.upcast('PartnerRegistered', 1, v1)).toEqual({
      schemaVersion: 2,
      data: {
        ...v1,
        contactPerson: { personId: 'contact-partner-1', name: 'A. Person', email: 'a.person@example.org' },
      },
    });
    expect(v1.contactPerson).toEqual({ name: 'A. Person', email: 'a.person@example.org' });
  });

  it('given a version-1 registration without a contact person, when read, then only the version changes', () => {
    const v1 = { partnerId: 'partner-2', name: 'Council', sector: 'public' };
    expect(LEDGER_UPCASTER_CHAIN.upcast('PartnerRegistered', 1, v1)).toEqual({ schemaVersion: 2, data: v1 });
  });
});
