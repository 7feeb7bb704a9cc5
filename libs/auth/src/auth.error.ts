/** Stable codes; callers branch on these, never on the message. */
export type AuthErrorCode = 'AUTH.UNKNOWN_ROLE' | 'AUTH.DUPLICATE_NAME' | 'AUTH.INVALID_NAME';

/** A principal could not be created as asked. Nothing was written. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
