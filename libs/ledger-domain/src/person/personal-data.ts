import { ID_PATTERN } from '../catalogue.js';
import { conflict, type DomainError, ruleBroken } from '../shared/errors.js';

/**
 * Personal data as every reader sees it once its person was forgotten (SPEC §6): the pseudonymous
 * person id is all that is left, so totals and the audit trail stay whole.
 */
export interface ErasedPersonalData {
  readonly personId: string;
  readonly erased: true;
}

/**
 * Which fields of which event types hold personal data: each is an object with a `personId`, stored
 * encrypted with that person's key and read back as `{ personId, erased: true }` once the key is gone.
 * A new personal field is added here, and every store, read model and export follows.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PartnerRegistered: ['contactPerson'],
};

/** Whether a personal field reads as erased. */
export function isErasedPersonalData(value: unknown): value is ErasedPersonalData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { erased?: unknown }).erased === true &&
    typeof (value as { personId?: unknown }).personId === 'string'
  );
}

/**
 * An event's data with the personal fields of one person replaced by `{ personId, erased: true }`,
 * for read models that keep event data (the audit trail); undefined when it holds none of theirs
 * still readable.
 *
 * @example
 * eraseFromEventData('PartnerRegistered', { partnerId: 'p1', contactPerson: { personId: 'c1', name: 'A' } }, 'c1');
 * // { partnerId: 'p1', contactPerson: { personId: 'c1', erased: true } }
 */
export function eraseFromEventData(type: string, data: unknown, personId: string): unknown {
  const fields = PERSONAL_DATA_FIELDS[type] ?? [];
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Readonly<Record<string, unknown>>;
  const theirs = fields.filter((field) => {
    const value = record[field];
    return personIdOf(value) === personId && !isErasedPersonalData(value);
  });
  if (theirs.length === 0) return undefined;
  const erased: ErasedPersonalData = { personId, erased: true };
  return { ...record, ...Object.fromEntries(theirs.map((field) => [field, erased])) };
}

function personIdOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { personId?: unknown }).personId : undefined;
}

/**
 * The person id of a partner's contact person when the command gives none: derived from the partner,
 * so that a retried command (same Idempotency-Key) decides the same event.
 *
 * @throws DomainError `PARTNER.CONTACT_PERSON_ID_REQUIRED` (rule) when the partner id is too long to
 *   derive an id from (ids are at most 128 characters).
 * @example
 * contactPersonIdFor('partner-1'); // 'contact-partner-1'
 */
export function contactPersonIdFor(partnerId: string): string {
  const personId = `contact-${partnerId}`;
  if (ID_PATTERN.test(personId)) return personId;
  throw ruleBroken(
    'PARTNER.CONTACT_PERSON_ID_REQUIRED',
    `Partner id ${partnerId} is too long to derive its contact person's id from (contact-<partner id> must be at most 128 characters): give contactPerson.personId`,
    { partnerId },
  );
}

/**
 * A forgotten person's data offered again (a registration naming an erased person id): refused, so a
 * forget stays a forget.
 *
 * @example
 * throw personErased('contact-p1', '2019-03-01T09:30:00.000Z'); // 409 PERSON.ERASED
 */
export function personErased(personId: string, erasedAt?: string): DomainError {
  const when = erasedAt === undefined ? '' : ` on ${erasedAt}`;
  return conflict(
    'PERSON.ERASED',
    `Person ${personId} was erased${when}: the ledger records no personal data of theirs again`,
    { personId, ...(erasedAt === undefined ? {} : { erasedAt }) },
  );
}
