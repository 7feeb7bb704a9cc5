import type { LockHolder } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { type RebuildError, RebuildFailure, type RebuildResult } from './rebuild-result.js';

export function failedResult(name: string, events: number, ms: number, error: unknown): RebuildResult {
  const detail: RebuildError =
    error instanceof RebuildFailure
      ? error.detail
      : { code: 'REBUILD.FAILED', message: error instanceof Error ? error.message : String(error) };
  return { name, status: 'Error', events, ms, error: detail };
}

export function refusedResult(name: string, holder: LockHolder, ms: number): RebuildResult {
  const message = `Projection "${name}" is already being rebuilt by process ${holder.pid} on ${holder.host} (since ${holder.acquiredAt}); try again when it has finished.`;
  return {
    name,
    status: 'Error',
    events: 0,
    ms,
    error: { code: 'REBUILD.ALREADY_RUNNING', message, holder },
  };
}

export function unknownResult(name: string, projections: readonly AnyProjection[]): RebuildResult {
  const known = projections.map((projection) => projection.name).join(', ');
  const message = `Unknown projection "${name}"; known: ${known}.`;
  return { name, status: 'Error', events: 0, ms: 0, error: { code: 'REBUILD.UNKNOWN_PROJECTION', message } };
}

/** Milliseconds since `started` (a performance.now() reading), whole. */
export const since = (started: number): number => Math.round(performance.now() - started);
