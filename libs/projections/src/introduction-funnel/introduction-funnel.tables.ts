/** 'open' until closed, converted into a partnership, or voided (never happened: out of every figure). */
export type FunnelIntroductionStatus = 'open' | 'closed' | 'converted' | 'voided';

/** One row per introduction, with what the funnel is cut by and how far it got. */
export interface FunnelIntroductionsTable {
  introduction_id: string;
  programme_id: string;
  innovator_id: string;
  partner_id: string;
  partner_sector: string;
  /** The innovator's challenge area. */
  challenge_area: string;
  /** ISO date. */
  made_on: string;
  /** 'YYYY-MM' of made_on. */
  month: string;
  status: FunnelIntroductionStatus;
  partnership_id: string | null;
  partnership_kind: string | null;
  confirmed_on: string | null;
  /** Whole days from made_on to confirmed_on. */
  days_to_partnership: number | null;
}

/** Each partner's sector, for the introductions made to it. */
export interface FunnelPartnersTable {
  partner_id: string;
  sector: string;
}

/** Each innovator's challenge area, for the introductions made for it. */
export interface FunnelInnovatorsTable {
  innovator_id: string;
  challenge_area: string;
}

export interface IntroductionFunnelTables {
  funnel_introductions: FunnelIntroductionsTable;
  funnel_partners: FunnelPartnersTable;
  funnel_innovators: FunnelInnovatorsTable;
}
