import { isEmail } from 'class-validator';
import type { Body, Field, Fields } from './command-bodies.js';

/*
 * The formats the README and the request classes document, written out again here on purpose: the
 * hostile-input tests decide what is invalid by these, never by the product's own validators, so a
 * validator that lets a broken value through fails a test rather than hiding it.
 */

/** Entity ids: 1-128 letters, digits or `._:-`, starting with a letter or digit. */
export const DOCUMENTED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** 360Giving org-ids such as GB-CHC-1144091. */
export const DOCUMENTED_ORG_ID = /^[A-Za-z0-9]{2,4}-[A-Za-z0-9]{2,10}-[A-Za-z0-9._/-]{1,64}$/;
/** Idempotency-Key and X-Correlation-Id: 1-200 letters, digits or `._:-`. */
export const DOCUMENTED_HEADER_KEY = /^[A-Za-z0-9._:-]{1,200}$/;
/** If-Match: a stream revision, `W/"3"`, `"3"` or `3` (-1: the stream must not exist). */
export const DOCUMENTED_IF_MATCH = /^(?:\*|(?:W\/)?"?(-1|\d{1,15})"?)$/;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** What an HTTP server makes of a header value: optional whitespace around it is dropped. */
export function trimOws(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSafeWhole = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function fieldViolation(field: Field, value: unknown): boolean {
  switch (field.kind) {
    case 'id':
      return typeof value !== 'string' || !DOCUMENTED_ID.test(value);
    case 'date':
      return !isCalendarDate(value);
    case 'orgId':
      return typeof value !== 'string' || !DOCUMENTED_ORG_ID.test(value);
    case 'email':
      return typeof value !== 'string' || !isEmail(value);
    case 'bool':
      return typeof value !== 'boolean';
    case 'pence':
      return !isSafeWhole(value, 0);
    case 'int':
      return !isSafeWhole(value, field.min, field.max);
    case 'text':
      return (
        typeof value !== 'string' || value.length > field.max || (value.length === 0 && !field.allowEmpty)
      );
    case 'enum':
      return typeof value !== 'string' || !field.values.includes(value);
    case 'strings':
      return (
        !Array.isArray(value) ||
        value.length === 0 ||
        value.length > field.maxItems ||
        value.some((item) => typeof item !== 'string' || item.length === 0 || item.length > field.maxLength)
      );
    case 'object':
      return !isPlainObject(value) || violations(field.fields, value).length > 0;
  }
}

/**
 * Every way `value` (a parsed JSON body) breaks the documented rules for `fields`: unknown keys
 * (any key not declared, `__proto__` included), missing required fields, wrong values. Empty when the
 * body is one the command must take. An optional field may be absent or null.
 */
export function violations(fields: Fields, value: unknown, prefix = ''): string[] {
  if (!isPlainObject(value)) return [`${prefix || 'the body'} is not an object`];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(fields, key)) found.push(`${prefix}${key} is not a field`);
  }
  for (const [name, field] of Object.entries(fields)) {
    const given = Object.hasOwn(value, name) ? value[name] : undefined;
    if (given === undefined || given === null) {
      if (!field.optional) found.push(`${prefix}${name} is missing`);
      continue;
    }
    if (fieldViolation(field, given)) found.push(`${prefix}${name} is not valid`);
  }
  return found;
}
