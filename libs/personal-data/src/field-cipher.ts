import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PERSON_KEY_BYTES } from './personal-key-store.js';

/** How a personal field is stored: the person's id in clear, everything else encrypted with their key. */
export interface EncryptedPersonalData {
  readonly personId: string;
  readonly encrypted: {
    /** AES-256-GCM (the JOSE name). */
    readonly alg: 'A256GCM';
    /** 12 random bytes, new for every field written; base64. */
    readonly iv: string;
    /** The 16-byte authentication tag; base64. */
    readonly tag: string;
    /** The field without its personId, as JSON, encrypted; base64. */
    readonly ciphertext: string;
  };
}

/** A personal field as written by the application and read while the key exists. */
export interface ReadablePersonalData {
  readonly personId: string;
  readonly [field: string]: unknown;
}

const ALG = 'A256GCM';
const IV_BYTES = 12;

/** Whether a stored value is an encrypted personal field. */
export function isEncryptedPersonalData(value: unknown): value is EncryptedPersonalData {
  if (typeof value !== 'object' || value === null) return false;
  const { personId, encrypted } = value as Partial<EncryptedPersonalData>;
  return (
    typeof personId === 'string' &&
    typeof encrypted === 'object' &&
    encrypted !== null &&
    encrypted.alg === ALG &&
    [encrypted.iv, encrypted.tag, encrypted.ciphertext].every((part) => typeof part === 'string')
  );
}

/**
 * Encrypts a personal field with its person's key: AES-256-GCM, a random 12-byte IV per call, and the
 * person id as additional authenticated data, so a encrypted field cannot be moved to another person.
 *
 * @example
 * encryptPersonalData({ personId: 'contact-p1', name: 'A. Person' }, key);
 * // { personId: 'contact-p1', encrypted: { alg: 'A256GCM', iv: '…', tag: '…', ciphertext: '…' } }
 */
export function encryptPersonalData(value: ReadablePersonalData, key: Buffer): EncryptedPersonalData {
  assertKey(key);
  const { personId, ...fields } = value;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(personId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return {
    personId,
    encrypted: {
      alg: ALG,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    },
  };
}

/**
 * Opens a encrypted personal field with its person's key.
 *
 * @throws Error when the key, IV, tag, person id or ciphertext do not belong together.
 */
export function decryptPersonalData(stored: EncryptedPersonalData, key: Buffer): ReadablePersonalData {
  assertKey(key);
  const { personId, encrypted } = stored;
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(encrypted.iv, 'base64'));
  decipher.setAAD(Buffer.from(personId, 'utf8'));
  decipher.setAuthTag(Buffer.from(encrypted.tag, 'base64'));
  const plaintext = Buffer.concat([
    decipher.update(Buffer.from(encrypted.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
  return { personId, ...(JSON.parse(plaintext) as Record<string, unknown>) };
}

function assertKey(key: Buffer): void {
  if (key.length !== PERSON_KEY_BYTES) {
    throw new Error(`A person's key is ${PERSON_KEY_BYTES} bytes, got ${key.length}`);
  }
}
