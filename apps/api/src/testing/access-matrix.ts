import { can, type Role, ROLES } from '@ledger/auth';
import { type Access, endpointGroups } from './endpoints.js';

/** Who calls: no token at all, or a token of one role. */
export type Caller = 'no token' | Role;
export const CALLERS: readonly Caller[] = ['no token', ...ROLES];

export const ACCESS_MATRIX_START = '<!-- access-matrix:start -->';
export const ACCESS_MATRIX_END = '<!-- access-matrix:end -->';

const ALLOWED = '✓';
const REFUSED = '—';

/** Whether a caller may use an endpoint of this access: SPEC §7 as `can()` spells it. */
export function mayCall(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  return caller !== 'no token' && can(caller, access);
}

/**
 * The access matrix as a markdown table, derived from `ENDPOINTS` and `can()`: a row per endpoint
 * under its group's heading row, a column per caller, ✓ where the caller may call it and — where it
 * is refused (401 without a token, 403 for a role without the permission). Padded the way prettier
 * pads a table, so that the README section it is written into stays as prettier leaves it.
 */
export function renderAccessMatrix(): string {
  const rows: string[][] = [['endpoint', ...CALLERS]];
  for (const group of endpointGroups()) {
    rows.push([`**${group.title}**`, ...CALLERS.map(() => '')]);
    for (const { method, path, access } of group.endpoints) {
      rows.push([
        `\`${method} ${path}\``,
        ...CALLERS.map((caller) => (mayCall(access, caller) ? ALLOWED : REFUSED)),
      ]);
    }
  }
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(3, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/**
 * A markdown table as its cells, trimmed, with a separator row as `---` cells: two tables that
 * differ only in prettier's padding or dash counts read the same.
 */
export function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((cell) => cell.trim())
        .map((cell) => (/^:?-+:?$/.test(cell) ? '---' : cell)),
    );
}

/** The text between the access-matrix markers of a README, or undefined without both markers. */
export function accessMatrixSection(readme: string): string | undefined {
  const start = readme.indexOf(ACCESS_MATRIX_START);
  const end = readme.indexOf(ACCESS_MATRIX_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + ACCESS_MATRIX_START.length, end);
}

/** The README with the table between its markers replaced by this one. */
export function withAccessMatrix(readme: string, table: string): string {
  const start = readme.indexOf(ACCESS_MATRIX_START);
  const end = readme.indexOf(ACCESS_MATRIX_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${ACCESS_MATRIX_START} ... ${ACCESS_MATRIX_END} section`);
  }
  return `${readme.slice(0, start + ACCESS_MATRIX_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
