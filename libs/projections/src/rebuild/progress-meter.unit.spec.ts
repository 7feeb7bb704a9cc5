import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { ProgressMeter } from './progress-meter.js';

const at = (text: string) => text as Position;

describe('ProgressMeter', () => {
  test('given a build resumed at 400 of 1,000, when it reaches 700 two seconds later, then the rate counts only this run and the time left follows from it', () => {
    let now = 0;
    const meter = new ProgressMeter('p', at('400'), at('1000'), () => now);
    now = 2000;

    expect(meter.at('building', at('700'))).toEqual({
      name: 'p',
      phase: 'building',
      done: 700,
      total: 1000,
      resumedFrom: 400,
      eventsPerSecond: 150,
      etaMs: 2000,
    });
    expect(meter.eventsSince(at('700'))).toBe(300);
  });

  test('given no rate yet, when asked, then the time left is unknown; given the log grew, then the total follows', () => {
    const meter = new ProgressMeter('p', undefined, at('10'), () => 0);

    expect(meter.at('building', undefined).etaMs).toBeUndefined();
    meter.seeHead(at('25'));
    expect(meter.at('building', undefined).total).toBe(25);
  });
});
