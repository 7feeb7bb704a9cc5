import type { Giving360Grant } from '../giving360.types.js';

/** The checks beyond the schema, named after what they catch. */
export const QUALITY_CHECK_NAMES = [
  'zero-amount',
  'future-award-date',
  'more-than-one-funder',
  'line-break-in-id',
  'email-in-text',
  'unrecognised-org-id-prefix',
  'company-number',
  'charity-number',
] as const;
export type QualityCheckName = (typeof QUALITY_CHECK_NAMES)[number];

/**
 * One problem a check found in one grant. Reported, never fixed: the publisher decides whether the
 * data or the check is wrong.
 */
export interface QualityFinding {
  /** The grant's 360Giving id, as written in the file. */
  readonly grantId: string;
  readonly check: QualityCheckName;
  /** What is wrong and where (the field's CSV title), for a person to act on. */
  readonly message: string;
}

export interface QualityCheckOptions {
  /** Today's date `YYYY-MM-DD`: an award date after it is in the future. From the caller's clock. */
  readonly today: string;
  /** Org-id list codes (`GB-CHC`, `360G`, ...); KNOWN_ORG_ID_PREFIXES by default. */
  readonly knownOrgIdPrefixes?: readonly string[];
}

/** A check reads the whole file: "one funder per file" cannot be judged grant by grant. */
export type QualityCheck = (
  grants: readonly Giving360Grant[],
  options: QualityCheckOptions,
) => QualityFinding[];
