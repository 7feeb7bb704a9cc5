/** The event log as stored (no upcasting, no decryption): what seals cover and verify reads. */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
