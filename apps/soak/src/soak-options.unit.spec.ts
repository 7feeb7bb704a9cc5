import { describe, expect, it } from '@jest/globals';
import { killMoments, parseSoakOptions, SoakOptionsError } from './soak-options.js';

describe('soak options', () => {
  it('given no option, when parsed, then 60 s of 64 clients, no kill, seed 2017, text output', () => {
    expect(parseSoakOptions([])).toEqual({
      seconds: 60,
      clients: 64,
      kills: 0,
      seed: 2017,
      json: false,
      keep: false,
    });
  });

  it('given every option, in either spelling, when parsed, then each is taken', () => {
    expect(
      parseSoakOptions([
        '--seconds',
        '1800',
        '--clients=32',
        '--kills',
        '10',
        '--seed=7',
        '--json',
        '--keep',
      ]),
    ).toEqual({ seconds: 1800, clients: 32, kills: 10, seed: 7, json: true, keep: true });
  });

  it('given a flag twice (the script’s default, then the caller’s: npm run test:soak -- --seconds 1800), when parsed, then the last one counts', () => {
    expect(parseSoakOptions(['--seconds', '600', '--kills', '10', '--seconds', '1800'])).toMatchObject({
      seconds: 1800,
      kills: 10,
    });
  });

  it('given a bad value, a missing value or an unknown option, when parsed, then a SoakOptionsError names it, what was given, and the usage', () => {
    const cases: [string[], string][] = [
      [['--seconds', 'soon'], '--seconds must be a number of seconds from 1 to 604800, got "soon"'],
      [['--seconds', '0'], 'got "0"'],
      [['--seconds'], 'got undefined'],
      [['--clients', '64.5'], '--clients must be a whole number from 1 to 1024, got "64.5"'],
      [['--clients', '0'], '--clients must be a whole number from 1 to 1024'],
      [['--kills', '-1'], '--kills must be a whole number from 0 to 10000, got "-1"'],
      [['--seed', 'x'], '--seed must be a whole number'],
      [['--json=yes'], '--json takes no value'],
      [['--fast'], 'Unknown option "--fast"'],
      [['600'], 'Unknown option "600"'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseSoakOptions(argv)).toThrow(SoakOptionsError);
      expect(() => parseSoakOptions(argv)).toThrow(message);
      expect(() => parseSoakOptions(argv)).toThrow('Usage: node dist/apps/soak/src/main.js');
    }
  });

  it('given more kills than the run has room for, when parsed, then the error says how long a run they need', () => {
    expect(() => parseSoakOptions(['--seconds', '20', '--kills', '10'])).toThrow(
      '--kills 10 needs --seconds 40 or more (a kill every 3 s at most), got --seconds 20',
    );
    expect(parseSoakOptions(['--seconds', '40', '--kills', '10']).kills).toBe(10);
  });

  it('given a seed, when the kill moments are drawn, then one falls in each stretch of 10–85 % of the run, the same for the same seed', () => {
    const moments = killMoments({ seconds: 120, kills: 10, seed: 2017 });
    expect(moments).toHaveLength(10);
    moments.forEach((at, k) => {
      expect(at).toBeGreaterThanOrEqual(12 + 9 * k);
      expect(at).toBeLessThan(12 + 9 * (k + 1));
    });
    expect(killMoments({ seconds: 120, kills: 10, seed: 2017 })).toEqual(moments);
    expect(killMoments({ seconds: 120, kills: 10, seed: 2018 })).not.toEqual(moments);
    expect(killMoments({ seconds: 20, kills: 0, seed: 1 })).toEqual([]);
  });
});
