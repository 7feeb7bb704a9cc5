import type { RestoreResult } from './restore-backup.js';
import type { BackupResult } from './write-backup.js';

/** What `backup --json` prints. */
export function backupJson({ file, manifest, bytes, milliseconds }: BackupResult): object {
  const { format, createdAt, files, events, position } = manifest;
  return { file, format, createdAt, files, bytes, events, position, milliseconds };
}

/**
 * @example
 * backup: 4 files, 3158016 bytes, 2210 events up to position 2210, in 412 ms
 *   read.sqlite      1597440 bytes  sha256 4f1c…
 * written to /backups/ledger-2025-01-31.tar
 */
export function backupSummary({ file, manifest, bytes, milliseconds }: BackupResult): string {
  return [
    `backup: ${plural(manifest.files.length, 'file')}, ${bytes} bytes, ${eventsText(manifest)}, in ${milliseconds} ms`,
    ...fileLines(manifest.files.map((f) => [f.name, `${f.bytes} bytes`, `sha256 ${f.sha256}`])),
    `written to ${file}`,
  ].join('\n');
}

/** What `restore --json` prints. */
export function restoreJson({ file, manifest, restored, milliseconds }: RestoreResult): object {
  const { format, createdAt, events, position } = manifest;
  return { file, format, createdAt, files: restored, events, position, milliseconds };
}

/**
 * @example
 * restore: 4 files, 2210 events up to position 2210, from the backup made at 2025-01-31T02:00:00.000Z, in 95 ms
 *   read.sqlite      1597440 bytes  → /var/lib/ledger/read.sqlite
 */
export function restoreSummary({ file, manifest, restored, milliseconds }: RestoreResult): string {
  return [
    `restore: ${plural(restored.length, 'file')}, ${eventsText(manifest)}, from the backup made at ${manifest.createdAt}, in ${milliseconds} ms`,
    ...fileLines(restored.map((f) => [f.name, `${f.bytes} bytes`, `→ ${f.path}`])),
    `read from ${file}`,
  ].join('\n');
}

function eventsText({ events, position }: { events: number; position: string | null }): string {
  return position === null ? 'no events' : `${events} events up to position ${position}`;
}

function fileLines(rows: readonly (readonly [string, string, string])[]): string[] {
  const width = Math.max(0, ...rows.map(([name, bytes]) => name.length + bytes.length)) + 2;
  return rows.map(([name, bytes, rest]) => `  ${name}${bytes.padStart(width - name.length)}  ${rest}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
