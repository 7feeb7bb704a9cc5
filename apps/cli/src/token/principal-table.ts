import { type PrincipalSummary } from '@ledger/auth';

const HEADINGS = ['NAME', 'ROLE', 'ID', 'CREATED', 'REVOKED'] as const;

/** Principals as an aligned plain-text table, one per line, with a heading line. */
export function formatPrincipalTable(principals: readonly PrincipalSummary[]): string {
  const rows = principals.map((p) => [p.name, p.role, p.id, p.createdAt, p.revokedAt ?? '-']);
  const widths = HEADINGS.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [HEADINGS, ...rows].map((cells) => `${line(cells)}\n`).join('');
}
