import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json.js';

/** A small seeded generator (mulberry32), so a failure names a value that comes back every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CHARACTERS = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '£',
  '€',
  '\u2028',
  '😀',
  '𝄞',
  'ß',
  'İ',
  '\ufeff',
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  2000000,
  0.1,
  1e21,
  1e-7,
  123.456,
  -5e-324,
  1.7976931348623157e308,
  2 ** 53,
  333333333.3333333,
];

function value(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 4 : 7));
  const text = (): string =>
    Array.from(
      { length: Math.floor(next() * 6) },
      () => CHARACTERS[Math.floor(next() * CHARACTERS.length)],
    ).join('');
  switch (kind) {
    case 0:
      return text();
    case 1:
      return next() < 0.5
        ? NUMBERS[Math.floor(next() * NUMBERS.length)]
        : Math.round((next() - 0.5) * 1e12) / 100;
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, () => [text(), value(next, depth + 1)]),
      );
  }
}

describe('canonicalJson', () => {
  it('given 5,000 seeded random JSON values, when canonicalised, then every text equals the canonicalize package’s', () => {
    const next = random(8785);
    for (let i = 0; i < 5000; i += 1) {
      const input = value(next, 0);
      expect({ i, text: canonicalJson(input) }).toEqual({ i, text: canonicalize(input) });
    }
  });

  it('given an event-shaped object, when canonicalised, then members are sorted and undefined ones left out', () => {
    expect(canonicalJson({ b: [1, undefined, 'x'], a: { d: undefined, c: -0 }, é: 'é' })).toBe(
      '{"a":{"c":0},"b":[1,null,"x"],"é":"é"}',
    );
    expect(canonicalJson(new Date('2020-01-02T03:04:05.000Z'))).toBe('"2020-01-02T03:04:05.000Z"');
  });

  it('given values JSON cannot carry, when canonicalised, then each is refused naming what is wrong', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson([Infinity])).toThrow('Infinity is not allowed');
    expect(() => canonicalJson({ name: 'x\ud800y' })).toThrow('Lone surrogate is not allowed');
    expect(() => canonicalJson({ n: 1n })).toThrow('bigint has no JSON form');
    expect(() => canonicalJson(undefined)).toThrow('undefined has no JSON form');
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalJson(cycle)).toThrow('circular reference');
  });
});
