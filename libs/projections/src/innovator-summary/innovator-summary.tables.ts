/**
 * One row per innovator. Money is integer pence in 'bigint' columns (64-bit in both
 * databases); the PostgreSQL read store parses them back to exact numbers (safe up to 2^53 pence).
 */
export interface InnovatorSummaryTable {
  innovator_id: string;
  programme_id: string;
  name: string;
  challenge_area: string;
  status: 'enrolled' | 'withdrawn';
  /** ISO date. */
  enrolled_on: string;
  /** Live awards (not voided); a revoked grant was really awarded and still counts. */
  grants: number;
  /** The live awards after corrections, revoked ones included. */
  amount_awarded: number;
  amount_paid: number;
  /** Introductions made, not voided. */
  introductions: number;
  /** Partnerships confirmed, not voided (an ended partnership still counts). */
  partnerships: number;
  income: number;
  /** The part of income the innovator attributes to the programme. */
  income_attributable: number;
  /** The latest revenue forecast by as-of date; null until one is recorded. */
  forecast: number | null;
  forecast_horizon_months: number | null;
  forecast_as_of: string | null;
  last_event_position: string;
  updated_at: string;
}

/** What a later payment, correction or void of a grant needs to adjust its innovator's figures. */
export interface InnovatorSummaryGrantsTable {
  grant_id: string;
  innovator_id: string;
  amount: number;
  paid: number;
  status: 'awarded' | 'revoked' | 'voided';
}

/** Whose introduction it was, so a void can take it off that innovator's count. */
export interface InnovatorSummaryIntroductionsTable {
  introduction_id: string;
  innovator_id: string;
  status: 'made' | 'voided';
}

/** Whose partnership it was, so a void can take it off that innovator's count. */
export interface InnovatorSummaryPartnershipsTable {
  partnership_id: string;
  innovator_id: string;
  status: 'confirmed' | 'voided';
}

export interface InnovatorSummaryTables {
  innovator_summary: InnovatorSummaryTable;
  innovator_summary_grants: InnovatorSummaryGrantsTable;
  innovator_summary_introductions: InnovatorSummaryIntroductionsTable;
  innovator_summary_partnerships: InnovatorSummaryPartnershipsTable;
}
