/**
 * The real read models for the crash harness's child (shipped in the build so the child can load
 * them), with every table they write, to compare a crashed build with one from scratch.
 */
import { ALL_PROJECTIONS } from '../../all-projections.js';
import type { ComparedTable } from './crash-readers.js';

/** What the crash harness child loads: the module's `projections` export. */
export const projections = ALL_PROJECTIONS;

/**
 * Every table of the five read models (from their migrations), each with a unique order. Volatile
 * columns are compared too: `seq` and every position must come out the same after a crash.
 */
export const LEDGER_TABLES: readonly ComparedTable[] = [
  ['grant_register', 'grant_id'],
  ['audit_events', 'seq'],
  ['audit_sequence', 'name'],
  ['innovator_summary', 'innovator_id'],
  ['innovator_summary_grants', 'grant_id'],
  ['innovator_summary_introductions', 'introduction_id'],
  ['innovator_summary_partnerships', 'partnership_id'],
  ['funnel_introductions', 'introduction_id'],
  ['funnel_partners', 'partner_id'],
  ['funnel_innovators', 'innovator_id'],
  ['impact_programmes', 'programme_id'],
  ['impact_innovators', 'innovator_id'],
  ['impact_projects', 'project_id'],
  ['impact_grants', 'grant_id'],
  ['impact_income', 'innovator_id, income_id'],
  ['impact_forecasts', 'innovator_id, as_of'],
  ['impact_introductions', 'introduction_id'],
  ['impact_partnerships', 'partnership_id'],
  ['impact_corrections', 'seq'],
];
