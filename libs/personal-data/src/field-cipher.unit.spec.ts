import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { decryptPersonalData, encryptPersonalData, isEncryptedPersonalData } from './field-cipher.js';

const key = randomBytes(32);
const contact = { personId: 'contact-partner-1', name: 'Zelda Quinton-Fairweather', email: 'zq@example.org' };

describe('field cipher', () => {
  test('given a contact person, when sealed, then only the person id is in clear and it opens with the key', () => {
    const sealed = encryptPersonalData(contact, key);
    expect(sealed).toEqual({
      personId: 'contact-partner-1',
      encrypted: {
        alg: 'A256GCM',
        iv: expect.any(String),
        tag: expect.any(String),
        ciphertext: expect.any(String),
      },
    });
    expect(Buffer.from(sealed.encrypted.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.encrypted.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toMatch(/Zelda|zq@example/);
    expect(isEncryptedPersonalData(sealed)).toBe(true);
    expect(decryptPersonalData(sealed, key)).toEqual(contact);
  });

  test('given the same value sealed twice, then the IVs and ciphertexts differ', () => {
    const [a, b] = [encryptPersonalData(contact, key), encryptPersonalData(contact, key)];
    expect(a.encrypted.iv).not.toBe(b.encrypted.iv);
    expect(a.encrypted.ciphertext).not.toBe(b.encrypted.ciphertext);
  });

  test('given a sealed value, when opened with another key, moved to another person or altered, then it refuses', () => {
    const sealed = encryptPersonalData(contact, key);
    expect(() => decryptPersonalData(sealed, randomBytes(32))).toThrow();
    expect(() => decryptPersonalData({ ...sealed, personId: 'contact-partner-2' }, key)).toThrow();
    const altered = Buffer.from(sealed.encrypted.ciphertext, 'base64');
    altered[0] = (altered[0] ?? 0) ^ 1;
    const tampered = {
      ...sealed,
      encrypted: { ...sealed.encrypted, ciphertext: altered.toString('base64') },
    };
    expect(() => decryptPersonalData(tampered, key)).toThrow();
  });

  test('given a key of the wrong length, then it is refused naming the length', () => {
    expect(() => encryptPersonalData(contact, randomBytes(16))).toThrow("A person's key is 32 bytes, got 16");
  });

  test('given values that are not sealed fields, then they are not taken for one', () => {
    expect(isEncryptedPersonalData(contact)).toBe(false);
    expect(isEncryptedPersonalData({ personId: 'p', erased: true })).toBe(false);
    expect(isEncryptedPersonalData({ personId: 'p', encrypted: { alg: 'none' } })).toBe(false);
    expect(isEncryptedPersonalData(null)).toBe(false);
  });
});
