import type { DomainCommand } from '../shared/decider.js';
import type { PartnerRegistered, ReadableContactPerson } from './partner.events.js';

/** A contact person as a command gives them: the person id is derived from the partner when absent. */
export type ContactPersonInput = Omit<ReadableContactPerson, 'personId'> & { readonly personId?: string };

export type RegisterPartner = DomainCommand<
  'RegisterPartner',
  Omit<PartnerRegistered['data'], 'contactPerson'> & { contactPerson?: ContactPersonInput }
>;
export type PartnerCommand = RegisterPartner;
