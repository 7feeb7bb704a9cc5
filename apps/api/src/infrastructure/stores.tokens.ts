/** Nest injection token of the LedgerEventStores (the event store and its personal-data layer). */
export const LEDGER_EVENT_STORES = Symbol('LEDGER_EVENT_STORES');
