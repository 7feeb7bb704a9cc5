import type { Upcaster } from '../upcasting/upcaster.js';
import { contactPersonIdFor } from '../person/personal-data.js';

/**
 * Version 1 of PartnerRegistered kept the contact person as `{ name, email? }` in plain text, before
 * personal data was encrypted per person. Version 2 gives them the id a new registration derives
 * (`contact-<partnerId>`), so every reader finds a `personId`. The stored event stays plain text: a
 * log written before encryption cannot be shredded, only re-keyed by copying (see the report).
 */
export const partnerRegisteredV1ToV2: Upcaster = {
  type: 'PartnerRegistered',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const v1 = data as { partnerId: string; contactPerson?: object };
    if (v1.contactPerson === undefined || 'personId' in v1.contactPerson) return data;
    return { ...v1, contactPerson: { personId: legacyPersonId(v1.partnerId), ...v1.contactPerson } };
  },
};

/** An upcaster must not throw on an old event: a partner id too long to derive from gets a shortened one. */
function legacyPersonId(partnerId: string): string {
  try {
    return contactPersonIdFor(partnerId);
  } catch {
    return `contact-${partnerId}`.slice(0, 128);
  }
}
