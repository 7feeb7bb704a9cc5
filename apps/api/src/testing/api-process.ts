// Moved to @ledger/processes, which is built, so the soak (apps/soak) starts and kills the api the same way.
export {
  type ApiProcess,
  type ApiProcessOptions,
  type ProcessExit,
  startApiProcess,
} from '@ledger/processes';
