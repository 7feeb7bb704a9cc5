import { describe, expect, it } from '@jest/globals';
import { assertFactDate, assertNotBefore, assertPlausibleDate, isCalendarDate } from './dates.js';
import { DomainError } from './errors.js';

const NOW = '2018-06-01T12:00:00.000Z';

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected the date to be refused');
}

describe('business dates: plausible', () => {
  it('given real days from 1900 on, when checked, then each is accepted', () => {
    for (const date of ['1900-01-01', '2016-02-29', '2018-06-01', '2999-12-31']) {
      expect(() => assertPlausibleDate(date, 'asOf')).not.toThrow();
    }
  });
  it('given 0000-01-01 or another year before 1900, when checked, then DATE.IMPLAUSIBLE naming the field (rule)', () => {
    for (const date of ['0000-01-01', '0218-03-01', '1899-12-31']) {
      const error = refusal(() => assertPlausibleDate(date, 'asOf'));
      expect(error).toMatchObject({ code: 'DATE.IMPLAUSIBLE', kind: 'rule' });
      expect(error.details).toEqual({ field: 'asOf', date, earliest: '1900-01-01' });
    }
  });
  it('given a day that does not exist or another form, when checked, then DATE.INVALID', () => {
    for (const date of ['2018-02-29', '2018-13-01', '2018-1-5', '2018-01-01T00:00:00Z', '', '01/02/2018']) {
      expect(refusal(() => assertPlausibleDate(date, 'paidOn')).code).toBe('DATE.INVALID');
    }
  });
  it('given leap days, when read as calendar dates, then the Gregorian rules decide (2000 and 0000 leap, 1900 not)', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('0000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2018-04-31')).toBe(false);
    expect(isCalendarDate('2018-12-31')).toBe(true);
  });
});

describe('business dates: facts', () => {
  it('given today, when a fact is dated today, then it is accepted', () => {
    expect(() => assertFactDate('2018-06-01', NOW, 'paidOn')).not.toThrow();
  });
  it('given today, when a fact is dated tomorrow, then DATE.IN_FUTURE', () => {
    expect(refusal(() => assertFactDate('2018-06-02', NOW, 'paidOn')).code).toBe('DATE.IN_FUTURE');
  });
  it('given a fact dated 0000-01-01, when checked, then DATE.IMPLAUSIBLE rather than accepted as past', () => {
    expect(refusal(() => assertFactDate('0000-01-01', NOW, 'asOf')).code).toBe('DATE.IMPLAUSIBLE');
  });
  it('given an earliest date, when a date is before it, then the rule named, with both dates', () => {
    const enrolment = { date: '2018-02-01', field: 'enrolledOn' };
    expect(() => assertNotBefore('2018-02-01', 'withdrawnOn', enrolment, 'X.BEFORE')).not.toThrow();
    const error = refusal(() => assertNotBefore('2018-01-31', 'withdrawnOn', enrolment, 'X.BEFORE'));
    expect(error).toMatchObject({ code: 'X.BEFORE', kind: 'rule' });
    expect(error.details).toEqual({ withdrawnOn: '2018-01-31', enrolledOn: '2018-02-01' });
  });
});
