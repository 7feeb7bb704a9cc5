import { describe, expect, it } from '@jest/globals';
import { SCHEMA_VERSIONS } from '../catalogue.js';
import { LEDGER_UPCASTER_CHAIN } from './ledger-upcasters.js';
import { UpcastError, type Upcaster } from './upcaster.js';
import { createUpcasterChain } from './upcaster-chain.js';

/** A made-up history: v1 had `amount` in pounds, v2 in pence, v3 added `currency`. */
const v1ToV2: Upcaster = {
  type: 'ThingHappened',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const { pounds, ...rest } = data as { pounds: number };
    return { ...rest, pence: pounds * 100 };
  },
};
const v2ToV3: Upcaster = {
  type: 'ThingHappened',
  fromVersion: 2,
  toVersion: 3,
  upcast: (data) => ({ ...(data as object), currency: 'GBP' }),
};
const current = { ThingHappened: 3, OtherHappened: 1 };

describe('createUpcasterChain', () => {
  const chain = createUpcasterChain([v2ToV3, v1ToV2], current);

  it('given a version-1 event, when upcast, then every step applies in order up to the current version', () => {
    expect(chain.upcast('ThingHappened', 1, { id: 't1', pounds: 3 })).toEqual({
      schemaVersion: 3,
      data: { id: 't1', pence: 300, currency: 'GBP' },
    });
  });

  it('given a version-2 event, when upcast, then only the later steps apply', () => {
    expect(chain.upcast('ThingHappened', 2, { pence: 5 })).toEqual({
      schemaVersion: 3,
      data: { pence: 5, currency: 'GBP' },
    });
  });

  it('given an event already current or of a type the chain does not know, when upcast, then it comes back as it was', () => {
    const data = { pence: 5, currency: 'GBP' };
    expect(chain.upcast('ThingHappened', 3, data).data).toBe(data);
    expect(chain.upcast('SomethingElse', 7, data)).toEqual({ schemaVersion: 7, data });
  });

  it('given a version newer than the code knows, when upcast, then it fails naming type and version', () => {
    const read = () => chain.upcast('ThingHappened', 4, {});
    expect(read).toThrow(UpcastError);
    expect(read).toThrow('ThingHappened version 4 is unknown to this code, which reads versions 1 to 3');
  });

  it('given a version below any step, when upcast, then it fails naming the missing step', () => {
    const partial = createUpcasterChain([v2ToV3], current);
    const read = () => partial.upcast('ThingHappened', 1, {});
    expect(read).toThrow(expect.objectContaining({ code: 'EVENT.UPCASTER_MISSING' }));
    expect(read).toThrow('no upcaster from version 1 to 2');
  });

  it('given version 0 or a fraction, when upcast, then it is refused as unknown', () => {
    expect(() => chain.upcast('ThingHappened', 0, {})).toThrow(
      expect.objectContaining({ code: 'EVENT.SCHEMA_VERSION_UNKNOWN' }),
    );
    expect(() => chain.upcast('ThingHappened', 1.5, {})).toThrow(UpcastError);
  });

  it('given the current versions, when asked, then the chain states them and nothing for unknown types', () => {
    expect(chain.currentVersion('ThingHappened')).toBe(3);
    expect(chain.currentVersion('toString')).toBeUndefined();
  });
});

describe('createUpcasterChain refuses a broken history at start-up', () => {
  const step = (fromVersion: number, toVersion: number, type = 'ThingHappened'): Upcaster => ({
    type,
    fromVersion,
    toVersion,
    upcast: (data) => data,
  });

  it('given a gap between steps, when the chain is created, then it fails naming the gap', () => {
    expect(() => createUpcasterChain([step(1, 2)], current)).toThrow(
      'Upcasters of ThingHappened stop at version 2: none leads on to 3',
    );
  });

  it('given a step that skips a version, when the chain is created, then it fails', () => {
    expect(() => createUpcasterChain([step(1, 3)], current)).toThrow(
      'from one version (1 or more) to the next',
    );
  });

  it('given two steps from one version, when the chain is created, then it fails', () => {
    expect(() => createUpcasterChain([step(1, 2), step(1, 2), step(2, 3)], current)).toThrow(
      'Two upcasters of ThingHappened start from version 1',
    );
  });

  it('given a step past the current version or of an unknown type, when the chain is created, then it fails', () => {
    expect(() => createUpcasterChain([step(1, 2, 'OtherHappened')], current)).toThrow(
      'goes past the current version 1',
    );
    expect(() => createUpcasterChain([step(1, 2, 'Unheard')], current)).toThrow(
      'Unheard has no current version',
    );
  });
});

describe('the ledger’s chain', () => {
  it('given every event type of the catalogue, when asked, then its current version is the catalogue’s', () => {
    for (const [type, version] of Object.entries(SCHEMA_VERSIONS)) {
      expect(LEDGER_UPCASTER_CHAIN.currentVersion(type)).toBe(version);
    }
  });
});
