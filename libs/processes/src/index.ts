// The ledger's built apps as child processes on loopback, for the specs that kill them and for the soak.
export * from './free-port.js';
export * from './api-process.js';
