import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import type { PersonCommand } from './person.commands.js';
import { personDecider } from './person.decider.js';
import type { PersonEvent } from './person.events.js';

const NOW = '2019-03-01T09:30:00.000Z';
const spec = deciderSpec(personDecider, { now: NOW });
const forget = (personalDataRecorded: boolean): PersonCommand => ({
  type: 'ErasePersonalData',
  data: { personId: 'contact-partner-1', reason: 'Asked to be forgotten (ticket 42)', personalDataRecorded },
});
const erased: PersonEvent = {
  type: 'PersonalDataErased',
  data: { personId: 'contact-partner-1', erasedAt: '2019-02-01T00:00:00.000Z' },
};

describe('person decider', () => {
  it('given a person whose data the ledger holds, when forgotten, then PersonalDataErased at the decision time', () => {
    spec
      .given([])
      .when(forget(true))
      .then([{ type: 'PersonalDataErased', data: { personId: 'contact-partner-1', erasedAt: NOW } }]);
  });

  it('given a person the ledger never held data of, when forgotten, then PERSON.NOT_FOUND (not-found)', () => {
    const error = spec.given([]).when(forget(false)).thenThrows('PERSON.NOT_FOUND');
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('The ledger holds no personal data of person contact-partner-1');
  });

  it('given an erased person, when forgotten again, then PERSON.ALREADY_ERASED (conflict) naming when', () => {
    const error = spec.given([erased]).when(forget(false)).thenThrows('PERSON.ALREADY_ERASED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ personId: 'contact-partner-1', erasedAt: '2019-02-01T00:00:00.000Z' });
  });
});
