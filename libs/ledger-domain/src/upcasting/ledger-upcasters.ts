import { SCHEMA_VERSIONS } from '../catalogue.js';
import { partnerRegisteredV1ToV2 } from '../partner/partner.upcasters.js';
import type { Upcaster } from './upcaster.js';
import { createUpcasterChain, type UpcasterChain } from './upcaster-chain.js';

/**
 * Every schema change of the ledger's events, oldest first: a new shape adds its version to
 * SCHEMA_VERSIONS and its step here, and stored events stay as they are.
 */
export const LEDGER_UPCASTERS: readonly Upcaster[] = [partnerRegisteredV1ToV2];

/**
 * The chain every read path of the ledger goes through (commands, projections, audit, reports).
 *
 * @example
 * new UpcastingEventStore(openSqliteEventStore({ file }), LEDGER_UPCASTER_CHAIN);
 */
export const LEDGER_UPCASTER_CHAIN: UpcasterChain = createUpcasterChain(LEDGER_UPCASTERS, SCHEMA_VERSIONS);
