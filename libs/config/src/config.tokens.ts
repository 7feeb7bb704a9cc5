/** Nest injection token for the frozen `LedgerConfig`. */
export const CONFIG = Symbol('CONFIG');
