import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { isWellFormedText } from '@ledger/ledger-application';
import { problem } from './problem-details.js';

/** Far deeper than any request nests (two levels): class-transformer recurses, and runs out of stack. */
export const MAX_NESTING = 32;

/**
 * Keys every object inherits. class-transformer does not treat them as the undeclared fields they
 * are: it skips `constructor` and the methods, and assigns `__proto__` (replacing the request
 * object's prototype), so `forbidNonWhitelisted` never sees them and a body carrying one was taken.
 */
const INHERITED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

/** Lone surrogates, shown as U+FFFD where a message names a key that holds one. */
const LONE_SURROGATES = /\p{Surrogate}/gu;

/** A field's path as a message may show it: long ones cut, so a hostile key cannot flood the answer. */
function shown(path: string): string {
  return path.length > 100 ? `${path.slice(0, 100)}…` : path;
}

/** Enough to name every field of any command's body; a hostile body cannot make the answer long. */
const MAX_FINDINGS = 20;

type Finding = { field: string; messages: string[] };

/**
 * What in a body or query no field of the ledger takes, walked without recursion: an inherited key,
 * nesting too deep, text that is not well-formed Unicode (a lone UTF-16 surrogate has no UTF-8 form,
 * so it could be neither hashed nor stored), or `null`. `null` is refused rather than taken as
 * absent (ADR 0021): a fact is recorded once and never edited, so a client that meant "no value"
 * leaves the field out, and one that sent null by mistake hears of it before anything is kept.
 */
function hostileShape(value: unknown): Finding[] {
  const findings: Finding[] = [];
  const found = (field: string, message: string) => findings.push({ field, messages: [message] });
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined && findings.length < MAX_FINDINGS; next = pending.pop()) {
    const field = shown(next.path);
    if (next.value === null && next.path !== '') {
      found(field, `${field} must not be null: leave an optional field out instead`);
    } else if (typeof next.value === 'string' && !isWellFormedText(next.value)) {
      found(field, `${field} must be well-formed Unicode text (it holds a lone surrogate)`);
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > MAX_NESTING) {
      return [{ field, messages: [`${field} is nested more than ${MAX_NESTING} levels deep`] }];
    }
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (!isWellFormedText(key)) {
        const readable = shown(path.replace(LONE_SURROGATES, '\uFFFD'));
        found(readable, `the key ${readable} must be well-formed Unicode text`);
      } else if (INHERITED_KEYS.has(key)) {
        found(shown(path), `property ${key} should not exist`);
      } else {
        pending.push({ value: child, path, depth: next.depth + 1 });
      }
    }
  }
  return findings;
}

/** Refuses what class-transformer would mishandle before it sees it, then validates as Nest does. */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const hostile = this.toValidate(metadata) ? hostileShape(value) : [];
    if (hostile.length > 0) {
      const names = hostile.map((f) => f.field).join(', ');
      throw new BadRequestException(
        problem(400, 'REQUEST.INVALID', 'The request is not valid', `Invalid fields: ${names}`, {
          errors: hostile,
        }),
      );
    }
    return super.transform(value, metadata);
  }
}

/** Flattens nested validation errors into `field.path: messages`, so every bad field is named. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  prefix = '',
): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Whitelisting, unknown fields refused (inherited keys such as `__proto__` included), nesting
 * bounded, and a 400 problem naming every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const names = fields.map((f) => f.field).join(', ');
      return new BadRequestException(
        problem(400, 'REQUEST.INVALID', 'The request is not valid', `Invalid fields: ${names}`, {
          errors: fields,
        }),
      );
    },
  });
}
