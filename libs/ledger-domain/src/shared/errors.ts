/**
 * How a broken rule is reported. The kind decides the HTTP status at the edge:
 * `not-found` 404, `conflict` 409, `rule` 422, `forbidden` 403.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'rule' | 'forbidden';

/** A typed domain error with a stable code such as `GRANT.BUDGET_EXCEEDED`. Codes never change. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, 'not-found', message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, 'conflict', message, details);

export const ruleBroken = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, 'rule', message, details);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
