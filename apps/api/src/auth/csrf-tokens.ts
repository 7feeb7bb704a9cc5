import { Injectable } from '@nestjs/common';
import Tokens from 'csrf';
import type { Request, Response } from 'express';
import { cookieValue } from './session-store.js';

/** The cookie holding this browser's CSRF secret; forms carry a token made from it. */
export const CSRF_COOKIE = 'ledger_csrf';
/** The hidden form field the token travels in. */
export const CSRF_FIELD = '_csrf';

/**
 * Cross-site request forgery protection for the browser's forms (sign-in and sign-out), with the
 * synchronizer-token pattern of the `csrf` package: a random secret in an HttpOnly, SameSite=Strict
 * cookie, and a token derived from it in each form. Another site can make a browser post a form
 * here, but it can read neither the cookie nor a page of ours, so it cannot give the token. Signing
 * in is protected too (login CSRF would sign a victim in as the attacker). Bearer-token API calls
 * carry no cookie and need none of this.
 */
@Injectable()
export class CsrfTokens {
  private readonly tokens = new Tokens();

  /** A token for a form on the page being answered, setting the secret cookie when there is none. */
  tokenFor(request: Request, response: Response): string {
    let secret = cookieValue(request.headers.cookie, CSRF_COOKIE);
    if (secret === undefined || !/^[A-Za-z0-9_-]{18,64}$/.test(secret)) {
      secret = this.tokens.secretSync();
      response.cookie(CSRF_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.secure,
        path: '/',
      });
    }
    return this.tokens.create(secret);
  }

  /** Whether a posted form carries a token made from this browser's secret. */
  verify(request: Request, form: Record<string, unknown>): boolean {
    const secret = cookieValue(request.headers.cookie, CSRF_COOKIE);
    const token = form[CSRF_FIELD];
    return secret !== undefined && typeof token === 'string' && this.tokens.verify(secret, token);
  }
}
