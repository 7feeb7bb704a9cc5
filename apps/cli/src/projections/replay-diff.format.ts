import type { ReplayResult } from '@ledger/projections';
import type { RowChange } from '@ledger/read-store';
import { formatTable } from '../text-table.js';

/** A replay's outcome for people: a heading, then each row that differs with old and new values side by side. */
export function formatReplay(result: ReplayResult, from: string): string {
  const count = `${result.changes.length} row${result.changes.length === 1 ? '' : 's'}`;
  const first =
    result.fromPosition === undefined ? 'no event is that recent' : `first event at ${result.fromPosition}`;
  const outcome = result.dryRun
    ? `${count} would change (dry run: nothing written)`
    : `${count} changed; switched in at position ${result.position ?? '(start)'}`;
  const heading = `Replay of ${result.name} from ${from} (${first}): ${outcome}.\n`;
  return [heading, ...result.changes.map(formatChange)].join('\n');
}

function formatChange(change: RowChange): string {
  const key = Object.entries(change.key)
    .map(([column, value]) => `${column}=${show(value)}`)
    .join(' ');
  const rows = Object.entries(change.values).map(([column, { old, new: now }]) => [
    column,
    show(old),
    show(now),
  ]);
  const table = formatTable(['COLUMN', 'OLD', 'NEW'], rows)
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  return `${change.table}  ${key}  ${change.change}\n${table}`;
}

function show(value: unknown): string {
  if (value === undefined) return '-';
  if (value === null) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
