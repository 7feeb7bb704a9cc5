/** 'awarded' while live; 'revoked' was really awarded, then cancelled; 'voided' never happened. */
export type GrantRegisterStatus = 'awarded' | 'revoked' | 'voided';

/**
 * One row per grant. Money is integer pence in 'bigint' columns (64-bit in both
 * databases); the PostgreSQL read store parses them back to exact numbers (safe up to 2^53 pence).
 */
export interface GrantRegisterTable {
  grant_id: string;
  programme_id: string;
  innovator_id: string;
  title: string;
  funder_org_id: string;
  funder_name: string;
  /** ISO date. */
  awarded_on: string;
  /** After corrections. */
  amount_awarded: number;
  amount_paid: number;
  /** Awarded − paid; 0 once revoked or voided, as nothing more will be paid. */
  outstanding: number;
  status: GrantRegisterStatus;
  /** Amount corrections, revocations and voids. */
  corrections: number;
  /** The global position of the last event applied to this row (opaque). */
  last_event_position: string;
  /** The recordedAt of that event (ISO instant). */
  updated_at: string;
}

export interface GrantRegisterTables {
  grant_register: GrantRegisterTable;
}
