import { describe, expect, it } from '@jest/globals';
import { parseBenchOptions, parseScale } from './bench-options.js';

describe('bench options', () => {
  it('given a scale in either spelling, when parsed, then the label keeps the power of ten', () => {
    expect(parseScale('1e6')).toEqual({ scale: 1_000_000, label: '1e6' });
    expect(parseScale('100000')).toEqual({ scale: 100_000, label: '1e5' });
    expect(parseScale('25000')).toEqual({ scale: 25_000, label: '25000' });
  });

  it('given no option, when parsed, then 1e5 with the peer, 5 s per in-flight level and 10 s of HTTP', () => {
    expect(parseBenchOptions([])).toMatchObject({
      scale: 100_000,
      seed: 2017,
      peer: true,
      commandSeconds: 5,
      httpSeconds: 10,
      smoke: false,
    });
  });

  it('given --scale 1e4, when parsed, then a smoke run with short runs', () => {
    expect(parseBenchOptions(['--scale', '1e4', '--no-peer'])).toMatchObject({
      label: '1e4',
      smoke: true,
      peer: false,
      commandSeconds: 1,
      httpSeconds: 2,
    });
  });

  it('given a bad value or an unknown option, when parsed, then the error names it', () => {
    expect(() => parseBenchOptions(['--scale', 'lots'])).toThrow('--scale must be a whole number of events');
    expect(() => parseBenchOptions(['--scale', '1e9'])).toThrow('got "1e9"');
    expect(() => parseBenchOptions(['--http-seconds', '-1'])).toThrow(
      '--http-seconds must be a positive number',
    );
    expect(() => parseBenchOptions(['--fast'])).toThrow('Unknown option "--fast"');
  });
});
