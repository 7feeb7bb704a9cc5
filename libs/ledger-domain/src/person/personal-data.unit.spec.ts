import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../shared/errors.js';
import {
  contactPersonIdFor,
  eraseFromEventData,
  isErasedPersonalData,
  PERSONAL_DATA_FIELDS,
} from './personal-data.js';

describe('personal data', () => {
  it('given the registry, then a partner contact person is the one personal field', () => {
    expect(PERSONAL_DATA_FIELDS).toEqual({ PartnerRegistered: ['contactPerson'] });
  });

  it('given a partner id, when a contact person id is derived, then it is contact-<partner id>', () => {
    expect(contactPersonIdFor('iep-partner-001')).toBe('contact-iep-partner-001');
  });

  it('given a partner id of 121 characters, when an id is derived, then PARTNER.CONTACT_PERSON_ID_REQUIRED asks for one', () => {
    const derive = (): string => contactPersonIdFor(`p${'x'.repeat(120)}`);
    expect(derive).toThrow(DomainError);
    expect(derive).toThrow('give contactPerson.personId');
    expect(contactPersonIdFor(`p${'x'.repeat(119)}`)).toHaveLength(128);
  });

  it('given values, when asked whether erased, then only { personId, erased: true } is', () => {
    expect(isErasedPersonalData({ personId: 'p-1', erased: true })).toBe(true);
    expect(isErasedPersonalData({ personId: 'p-1', name: 'A. Person' })).toBe(false);
    expect(isErasedPersonalData({ erased: true })).toBe(false);
    expect(isErasedPersonalData(null)).toBe(false);
  });

  it('given a registration naming the person, when they are erased from it, then only their field is replaced', () => {
    const data = {
      partnerId: 'p1',
      name: 'Harbourside Bank',
      contactPerson: { personId: 'contact-p1', name: 'A. Person', email: 'a@example.org' },
    };
    expect(eraseFromEventData('PartnerRegistered', data, 'contact-p1')).toEqual({
      partnerId: 'p1',
      name: 'Harbourside Bank',
      contactPerson: { personId: 'contact-p1', erased: true },
    });
    expect(data.contactPerson.name).toBe('A. Person');
  });

  it('given data of another person, already erased, without personal fields or of another type, when erased, then undefined: nothing to change', () => {
    const other = { partnerId: 'p2', contactPerson: { personId: 'contact-p2', name: 'B' } };
    expect(eraseFromEventData('PartnerRegistered', other, 'contact-p1')).toBeUndefined();
    const erased = { partnerId: 'p1', contactPerson: { personId: 'contact-p1', erased: true } };
    expect(eraseFromEventData('PartnerRegistered', erased, 'contact-p1')).toBeUndefined();
    expect(eraseFromEventData('PartnerRegistered', { partnerId: 'p3' }, 'contact-p1')).toBeUndefined();
    expect(
      eraseFromEventData('GrantAwarded', { contactPerson: { personId: 'contact-p1' } }, 'contact-p1'),
    ).toBeUndefined();
  });
});
