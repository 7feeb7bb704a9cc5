import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { fold } from '../shared/decider.js';
import type { PartnerCommand } from './partner.commands.js';
import { partnerDecider } from './partner.decider.js';
import type { PartnerEvent, PartnerRegistered } from './partner.events.js';

const spec = deciderSpec(partnerDecider, { now: '2018-06-01T12:00:00.000Z' });
const data: PartnerRegistered['data'] = {
  partnerId: 'partner-1',
  name: 'Co-op Foundation',
  sector: 'civil-society',
  contactPerson: { personId: 'person-7', name: 'A. Person', email: 'a.person@example.org' },
};
const registered: PartnerEvent = { type: 'PartnerRegistered', data };
const register: PartnerCommand = {
  type: 'RegisterPartner',
  data: {
    ...data,
    contactPerson: { personId: 'person-7', name: 'A. Person', email: 'a.person@example.org' },
  },
};

describe('partner decider', () => {
  it('given no partner, when registered, then PartnerRegistered', () => {
    spec.given([]).when(register).then([registered]);
  });
  it('given no partner, when registered without a contact person, then PartnerRegistered without one', () => {
    const { contactPerson: _contact, ...withoutContact } = data;
    spec
      .given([])
      .when({ type: 'RegisterPartner', data: withoutContact })
      .then([{ type: 'PartnerRegistered', data: withoutContact }]);
  });
  it('given a contact person without a person id, when registered, then the id is derived from the partner', () => {
    spec
      .given([])
      .when({ type: 'RegisterPartner', data: { ...data, contactPerson: { name: 'A. Person' } } })
      .then([
        {
          type: 'PartnerRegistered',
          data: { ...data, contactPerson: { personId: 'contact-partner-1', name: 'A. Person' } },
        },
      ]);
  });
  it('given a partner id too long to derive from and no person id, when registered, then PARTNER.CONTACT_PERSON_ID_REQUIRED (rule)', () => {
    const partnerId = `p${'x'.repeat(127)}`;
    const command: PartnerCommand = {
      type: 'RegisterPartner',
      data: { ...data, partnerId, contactPerson: { name: 'A. Person' } },
    };
    expect(spec.given([]).when(command).thenThrows('PARTNER.CONTACT_PERSON_ID_REQUIRED').kind).toBe('rule');
  });
  it('given a registered partner, when registered again, then PARTNER.ALREADY_REGISTERED (conflict)', () => {
    expect(spec.given([registered]).when(register).thenThrows('PARTNER.ALREADY_REGISTERED').kind).toBe(
      'conflict',
    );
  });
  it('given a registration, when folded, then a registered partner without personal data', () => {
    expect(fold(partnerDecider, [registered])).toEqual({
      status: 'registered',
      partnerId: 'partner-1',
      name: 'Co-op Foundation',
      sector: 'civil-society',
    });
  });
});
