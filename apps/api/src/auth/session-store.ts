import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** How long a browser session lasts without signing in again. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'ledger_session';

interface Session {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Browser sessions for people reading reports: a random session id in an HttpOnly cookie maps to
 * the token they signed in with, held only in this process's memory. The token is checked again on
 * every request, so revoking it ends the session at once; a restart signs everyone out.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  open(token: string, now = Date.now()): string {
    this.sweep(now);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { token, expiresAt: now + SESSION_TTL_MS });
    return id;
  }

  tokenOf(id: string, now = Date.now()): string | undefined {
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= now) return undefined;
    return session.token;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}

/** The session id from the Cookie header, if any. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  return cookieValue(cookieHeader, SESSION_COOKIE);
}

/** A cookie's value from the Cookie header, if it is there and not empty. */
export function cookieValue(cookieHeader: string | undefined, cookie: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=') || undefined;
  }
  return undefined;
}
