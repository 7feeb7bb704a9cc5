import { createHash } from 'node:crypto';
import { ID_PATTERN } from '@ledger/ledger-domain';

/** What a recipient is known by: an organisation's org-id, or an individual's (anonymous) id. */
export type RecipientRef =
  | { readonly kind: 'organisation'; readonly orgId: string }
  | { readonly kind: 'individual'; readonly id: string };

const MAX_ID_LENGTH = 128;
const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HASH_LENGTH = 12;

/** The first hex digits of the SHA-256 of `parts` (as a JSON array, so no two lists share a text). */
export function digestOf(parts: readonly string[], length = HASH_LENGTH): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length);
}

/**
 * An identifier as one part of a ledger id: as it is when it is already safe (`GB-CHC-1126147`);
 * otherwise its unsafe characters become `-` and a digest of the original keeps it unique.
 */
export function idPart(text: string): string {
  if (SAFE_PART.test(text)) return text;
  const readable = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return readable === '' ? digestOf([text]) : `${readable}.${digestOf([text])}`;
}

/**
 * A programme code or title as a readable id part: lower case, words joined by `-`. Keys that differ
 * only in case or punctuation ("Open Programme", "open-programme") are one programme, on purpose.
 */
export function slugPart(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? digestOf([text]) : slug;
}

/** An id within ID_PATTERN's 128 characters: a longer one is cut and ends with a digest of the whole. */
export function fitId(id: string): string {
  const fitted =
    id.length <= MAX_ID_LENGTH ? id : `${id.slice(0, MAX_ID_LENGTH - HASH_LENGTH - 1)}.${digestOf([id])}`;
  if (!ID_PATTERN.test(fitted)) throw new Error(`Derived id ${fitted} does not match ID_PATTERN`);
  return fitted;
}

/**
 * The programme a funder's grants go to: `<funder org-id>:<programme code or title>`, or the funder's
 * org-id alone when the file names no grant programme.
 *
 * @example
 * programmeIdFor('GB-CHC-1000147', 'Open Programme'); // 'GB-CHC-1000147:open-programme'
 */
export function programmeIdFor(funderOrgId: string, programmeKey: string | undefined): string {
  const funder = idPart(funderOrgId);
  return fitId(programmeKey === undefined ? funder : `${funder}:${slugPart(programmeKey)}`);
}

/**
 * The innovator a recipient is in one programme (an innovator is enrolled in exactly one):
 * `<programme id>:<org-id>`, or `<programme id>:individual:<id>` for a person.
 *
 * @example
 * innovatorIdFor('GB-CHC-1000147:open-programme', { kind: 'organisation', orgId: 'GB-CHC-1126147' });
 * // 'GB-CHC-1000147:open-programme:GB-CHC-1126147'
 */
export function innovatorIdFor(programmeId: string, recipient: RecipientRef): string {
  if (recipient.kind === 'individual') return fitId(`${programmeId}:individual:${idPart(recipient.id)}`);
  return fitId(`${programmeId}:${idPart(recipient.orgId)}`);
}

export type ImportCommandRole = 'launch' | 'enrol' | 'award' | 'budget';

/**
 * The command id (Idempotency-Key) of one import command, derived from what identifies it in the
 * file, so importing the same file again sends the same ids and writes nothing.
 *
 * @example
 * importCommandId('award', 'GB-CHC-1000147', '360G-ABCT-0065I000005BoDGQA044222'); // '360g-award-…'
 */
export function importCommandId(role: ImportCommandRole, ...parts: readonly string[]): string {
  return `360g-${role}-${digestOf([role, ...parts], 32)}`;
}
