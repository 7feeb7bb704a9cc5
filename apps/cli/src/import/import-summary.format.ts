import { formatPounds } from '@ledger/ledger-domain';
import type { ImportResult } from '@ledger/giving360';
import { formatTable } from '../text-table.js';
import type { ImportedFile } from './import-reporter.js';

/**
 * What an import did, for people: the counts, each programme, then every grant not loaded with why.
 *
 * @example
 * // Imported grants.json (sha256 1f2e…) in 1.9 s: 783 read, 783 loaded, 0 already there, 0 invalid, 0 refused
 */
export function formatImportSummary(result: ImportResult, file: ImportedFile): string {
  const { read, loaded, alreadyThere, invalid, refused } = result;
  const seconds = (result.ms / 1000).toFixed(1);
  const counts =
    `${read} read, ${loaded} loaded, ${alreadyThere} already there, ` +
    `${invalid.length} invalid, ${refused.length} refused`;
  const lines = [`Imported ${file.path} (sha256 ${file.sha256.slice(0, 12)}) in ${seconds} s: ${counts}\n`];
  if (result.programmes.length > 0) {
    const rows = result.programmes.map((p) => [
      p.programmeId,
      p.status,
      p.grantBudget === undefined ? '' : formatPounds(p.grantBudget),
      p.message ?? '',
    ]);
    lines.push('\n', formatTable(['PROGRAMME', 'STATUS', 'GRANT BUDGET', 'NOTE'], rows));
  }
  const notLoaded = [
    ...invalid.map((g) => ({ ...g, kind: 'invalid', why: g.problems.map((p) => p.message).join('; ') })),
    ...refused.map((g) => ({ ...g, kind: 'refused', why: `${g.code}: ${g.message}` })),
  ].sort((a, b) => a.position - b.position);
  if (notLoaded.length > 0) {
    const rows = notLoaded.map((g) => [String(g.position), g.id ?? '(no id)', g.kind, g.why]);
    lines.push('\nNot loaded:\n', formatTable(['#', 'GRANT', 'KIND', 'REASON'], rows));
  }
  return lines.join('');
}
