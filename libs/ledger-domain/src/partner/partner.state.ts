import type { PartnerSector } from './partner.events.js';

export type PartnerState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly partnerId: string;
      readonly name: string;
      readonly sector: PartnerSector;
    };
