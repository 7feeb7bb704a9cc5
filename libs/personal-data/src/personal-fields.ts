import { ID_PATTERN, isErasedPersonalData, PERSONAL_DATA_FIELDS } from '@ledger/ledger-domain';
import type { NewEvent, RecordedEvent } from '@ledger/event-store';
import {
  decryptPersonalData,
  encryptPersonalData,
  type EncryptedPersonalData,
  isEncryptedPersonalData,
  type ReadablePersonalData,
} from './field-cipher.js';
import { PersonalDataShapeError, PersonalDataUnreadableError } from './personal-data.errors.js';
import type { PersonKey } from './personal-key-store.js';

/** Event type → the fields of its data that hold personal data. */
export type PersonalFields = Readonly<Record<string, readonly string[]>>;

/** The ledger's registry, owned by the domain. */
export const LEDGER_PERSONAL_FIELDS: PersonalFields = PERSONAL_DATA_FIELDS;

type Data = Readonly<Record<string, unknown>>;

/** The personal fields present in an event's data, with their values. */
function personalValues(fields: PersonalFields, type: string, data: unknown): [string, unknown][] {
  const names = fields[type];
  if (names === undefined || typeof data !== 'object' || data === null) return [];
  return names
    .filter((name) => (data as Data)[name] !== undefined)
    .map((name) => [name, (data as Data)[name]]);
}

/**
 * The person ids of the personal fields an append writes in clear (already encrypted ones pass through
 * as they are). Throws when a field cannot be recorded: no valid person id, or an erased placeholder.
 */
export function personIdsToEncrypt(fields: PersonalFields, events: readonly NewEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    for (const [name, value] of personalValues(fields, event.type, event.data)) {
      if (isEncryptedPersonalData(value)) continue;
      ids.add(assertWritable(event.type, name, value).personId);
    }
  }
  return [...ids];
}

function assertWritable(type: string, name: string, value: unknown): ReadablePersonalData {
  const where = `${type}.${name}`;
  if (typeof value !== 'object' || value === null) {
    throw new PersonalDataShapeError(`${where} must be an object with a personId`);
  }
  if (isErasedPersonalData(value)) {
    throw new PersonalDataShapeError(`${where} reads as erased: erased personal data is never written`);
  }
  const { personId } = value as { personId?: unknown };
  if (typeof personId !== 'string' || !ID_PATTERN.test(personId)) {
    throw new PersonalDataShapeError(
      `${where}.personId must be 1-128 letters, digits or ._:- starting with a letter or digit, got ${JSON.stringify(personId)}`,
    );
  }
  return value as ReadablePersonalData;
}

/** The event with each clear personal field encrypted with its person's key (`keys` has every id). */
export function encryptEvent(
  fields: PersonalFields,
  event: NewEvent,
  keys: ReadonlyMap<string, Buffer>,
): NewEvent {
  const values = personalValues(fields, event.type, event.data);
  if (values.every(([, value]) => isEncryptedPersonalData(value))) return event;
  const data: Record<string, unknown> = { ...(event.data as Data) };
  for (const [name, value] of values) {
    if (isEncryptedPersonalData(value)) continue;
    const readable = value as ReadablePersonalData;
    const key = keys.get(readable.personId);
    if (key === undefined) throw new Error(`No key was made for person ${readable.personId}`);
    data[name] = encryptPersonalData(readable, key);
  }
  return { ...event, data };
}

/** The person ids whose keys reading these stored events needs. */
export function encryptedPersonIds(fields: PersonalFields, events: readonly RecordedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    for (const [, value] of personalValues(fields, event.type, event.data)) {
      if (isEncryptedPersonalData(value)) ids.add(value.personId);
    }
  }
  return [...ids];
}

/**
 * The event as readers see it: each encrypted personal field opened with its person's key, or
 * `{ personId, erased: true }` when the key was destroyed. Fields stored in clear (written before
 * encryption) come as they are. The same object when the event holds no encrypted field.
 *
 * @throws PersonalDataUnreadableError when a person has neither key nor tombstone, or the field does not open.
 */
export function decryptEvent(
  fields: PersonalFields,
  event: RecordedEvent,
  keys: ReadonlyMap<string, PersonKey>,
): RecordedEvent {
  const values = personalValues(fields, event.type, event.data);
  if (!values.some(([, value]) => isEncryptedPersonalData(value))) return event;
  const data: Record<string, unknown> = { ...(event.data as Data) };
  for (const [name, value] of values) {
    if (isEncryptedPersonalData(value)) data[name] = decryptField(event, value, keys.get(value.personId));
  }
  return { ...event, data };
}

function decryptField(
  event: RecordedEvent,
  encrypted: EncryptedPersonalData,
  key: PersonKey | undefined,
): unknown {
  const { personId } = encrypted;
  if (key === undefined || key.status === 'unknown') {
    throw new PersonalDataUnreadableError(event, personId, 'the key store holds no key for this person');
  }
  if (key.status === 'erased') return { personId, erased: true };
  try {
    return decryptPersonalData(encrypted, key.key);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PersonalDataUnreadableError(event, personId, `it does not decrypt with their key (${why})`);
  }
}

/**
 * Decrypts a batch up to the first event that cannot be read: the readable prefix, and the error of
 * the event after it, so a consumer can apply what it can and then stop exactly there.
 */
export function decryptBatch(
  fields: PersonalFields,
  batch: readonly RecordedEvent[],
  keys: ReadonlyMap<string, PersonKey>,
): { readonly events: readonly RecordedEvent[]; readonly error?: PersonalDataUnreadableError } {
  const events: RecordedEvent[] = [];
  for (const event of batch) {
    try {
      events.push(decryptEvent(fields, event, keys));
    } catch (error) {
      if (!(error instanceof PersonalDataUnreadableError)) throw error;
      return { events, error };
    }
  }
  return { events };
}
