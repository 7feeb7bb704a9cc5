import type { DomainCommand } from '../shared/decider.js';
import type { PartnerRegistered } from './partner.events.js';

export type RegisterPartner = DomainCommand<'RegisterPartner', PartnerRegistered['data']>;
export type PartnerCommand = RegisterPartner;
