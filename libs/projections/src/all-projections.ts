import { auditTrailProjection } from './audit-trail/audit-trail.projection.js';
import type { AuditTrailTables } from './audit-trail/audit-trail.tables.js';
import { grantRegisterProjection } from './grant-register/grant-register.projection.js';
import type { GrantRegisterTables } from './grant-register/grant-register.tables.js';
import { innovatorSummaryProjection } from './innovator-summary/innovator-summary.projection.js';
import type { InnovatorSummaryTables } from './innovator-summary/innovator-summary.tables.js';
import { introductionFunnelProjection } from './introduction-funnel/introduction-funnel.projection.js';
import type { IntroductionFunnelTables } from './introduction-funnel/introduction-funnel.tables.js';
import { programmeImpactProjection } from './programme-impact/programme-impact.projection.js';
import type { ProgrammeImpactTables } from './programme-impact/programme-impact.tables.js';
import { type AnyProjection, anyProjection } from './registry.js';

/** Every table of every read model: the read store's schema. */
export type LedgerReadModels = GrantRegisterTables &
  AuditTrailTables &
  InnovatorSummaryTables &
  IntroductionFunnelTables &
  ProgrammeImpactTables;

/** The read models of SPEC §4, in the order they are started. */
export const ALL_PROJECTIONS: readonly AnyProjection[] = [
  anyProjection(grantRegisterProjection),
  anyProjection(auditTrailProjection),
  anyProjection(innovatorSummaryProjection),
  anyProjection(introductionFunnelProjection),
  anyProjection(programmeImpactProjection),
];

/** Which projections answer which queries, for read-your-writes (`?atLeast=`). */
export const PROJECTION_NAMES = {
  grantRegister: grantRegisterProjection.name,
  auditTrail: auditTrailProjection.name,
  innovatorSummary: innovatorSummaryProjection.name,
  introductionFunnel: introductionFunnelProjection.name,
  programmeImpact: programmeImpactProjection.name,
} as const;
