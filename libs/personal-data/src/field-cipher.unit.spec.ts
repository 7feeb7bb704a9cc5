import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { decryptPersonalData, encryptPersonalData, isEncryptedPersonalData } from './field-cipher.js';

const key = randomBytes(32);
const contact = { personId: 'contact-partner-1', name: 'Zelda Quinton-Fairweather', email: 'zq@example.org' };

describe('field cipher', () => {
  test('given a contact person, when encrypted, then only the person id is in clear and it opens with the key', () => {
    const encrypted = encryptPersonalData(contact, key);
    expect(encrypted).toEqual({
      personId: 'contact-partner-1',
      encrypted: {
        alg: 'A256GCM',
        iv: expect.any(String),
        tag: expect.any(String),
        ciphertext: expect.any(String),
      },
    });
    expect(Buffer.from(encrypted.encrypted.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(encrypted.encrypted.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(encrypted)).not.toMatch(/Zelda|zq@example/);
    expect(isEncryptedPersonalData(encrypted)).toBe(true);
    expect(decryptPersonalData(encrypted, key)).toEqual(contact);
  });

  test('given the same value encrypted twice, then the IVs and ciphertexts differ', () => {
    const [a, b] = [encryptPersonalData(contact, key), encryptPersonalData(contact, key)];
    expect(a.encrypted.iv).not.toBe(b.encrypted.iv);
    expect(a.encrypted.ciphertext).not.toBe(b.encrypted.ciphertext);
  });

  test('given a encrypted value, when opened with another key, moved to another person or altered, then it refuses', () => {
    const encrypted = encryptPersonalData(contact, key);
    expect(() => decryptPersonalData(encrypted, randomBytes(32))).toThrow();
    expect(() => decryptPersonalData({ ...encrypted, personId: 'contact-partner-2' }, key)).toThrow();
    const altered = Buffer.from(encrypted.encrypted.ciphertext, 'base64');
    altered[0] = (altered[0] ?? 0) ^ 1;
    const tampered = {
      ...encrypted,
      encrypted: { ...encrypted.encrypted, ciphertext: altered.toString('base64') },
    };
    expect(() => decryptPersonalData(tampered, key)).toThrow();
  });

  test('given a key of the wrong length, then it is refused naming the length', () => {
    expect(() => encryptPersonalData(contact, randomBytes(16))).toThrow("A person's key is 32 bytes, got 16");
  });

  test('given values that are not encrypted fields, then they are not taken for one', () => {
    expect(isEncryptedPersonalData(contact)).toBe(false);
    expect(isEncryptedPersonalData({ personId: 'p', erased: true })).toBe(false);
    expect(isEncryptedPersonalData({ personId: 'p', encrypted: { alg: 'none' } })).toBe(false);
    expect(isEncryptedPersonalData(null)).toBe(false);
  });
});
