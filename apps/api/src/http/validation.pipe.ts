import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
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

/** The first inherited key or too-deep nesting in a body or query, walked without recursion. */
function hostileShape(value: unknown): { field: string; message: string } | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > MAX_NESTING) {
      const field = next.path.length > 100 ? `${next.path.slice(0, 100)}…` : next.path;
      return { field, message: `${field} is nested more than ${MAX_NESTING} levels deep` };
    }
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (INHERITED_KEYS.has(key)) return { field: path, message: `property ${key} should not exist` };
      pending.push({ value: child, path, depth: next.depth + 1 });
    }
  }
  return undefined;
}

/** Refuses what class-transformer would mishandle before it sees it, then validates as Nest does. */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const hostile = this.toValidate(metadata) ? hostileShape(value) : undefined;
    if (hostile) {
      throw new BadRequestException(
        problem(400, 'REQUEST.INVALID', 'The request is not valid', `Invalid fields: ${hostile.field}`, {
          errors: [{ field: hostile.field, messages: [hostile.message] }],
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
