import { type PrincipalSummary } from '@ledger/auth';
import { formatTable } from '../text-table.js';

const HEADINGS = ['NAME', 'ROLE', 'ID', 'CREATED', 'REVOKED'] as const;

/** Principals as an aligned plain-text table, one per line, with a heading line. */
export function formatPrincipalTable(principals: readonly PrincipalSummary[]): string {
  return formatTable(
    HEADINGS,
    principals.map((p) => [p.name, p.role, p.id, p.createdAt, p.revokedAt ?? '-']),
  );
}
