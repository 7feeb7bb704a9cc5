import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { can, type Permission, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { problem } from '../http/problem-details.js';
import { FailedLoginLimiter } from './failed-login-limiter.js';
import { setPrincipal } from './principal.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './requires.decorator.js';
import { sessionIdOf, SessionStore } from './session-store.js';

/** Every request is authenticated by bearer token; the route's permission is checked against the role. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    private readonly sessions: SessionStore,
    private readonly failedLogins: FailedLoginLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    // Only a presented Authorization header counts as an attempt: a browser whose session ended
    // after a restart, or a probe without a token, never locks its address out.
    const attempted = request.headers.authorization !== undefined;
    if (attempted) this.refuseWhileLockedOut(request, context.switchToHttp().getResponse<Response>());
    const principal = this.tokens.authenticate(bearerToken(request) ?? this.sessionToken(request) ?? '');
    if (!principal) {
      if (attempted) this.failedLogins.recordFailure(clientAddress(request));
      throw new UnauthorizedException(
        problem(
          401,
          'AUTH.UNAUTHENTICATED',
          'Authentication required',
          'Send a valid token: Authorization: Bearer <token>',
        ),
      );
    }
    setPrincipal(request, principal);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission || !can(principal.role, permission)) {
      throw new ForbiddenException(
        problem(
          403,
          'AUTH.FORBIDDEN',
          'Not allowed',
          `The role ${principal.role} may not ${permission ?? 'call this route'}`,
        ),
      );
    }
    return true;
  }

  private refuseWhileLockedOut(request: Request, response: Response): void {
    const seconds = this.failedLogins.retryAfterSeconds(clientAddress(request));
    if (seconds === 0) return;
    response.setHeader('Retry-After', String(seconds));
    throw new HttpException(tooManyFailures(seconds), 429);
  }

  /**
   * A browser session counts only for reading (GET/HEAD): writes always need the bearer header, so a
   * cross-site form can never record anything with an auditor's cookie.
   */
  private sessionToken(request: Request): string | undefined {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const id = sessionIdOf(request.headers.cookie);
    return id ? this.sessions.tokenOf(id) : undefined;
  }
}

/** The 429 answered while an address is locked out after too many failed authentications. */
export function tooManyFailures(seconds: number) {
  return problem(
    429,
    'AUTH.TOO_MANY_FAILURES',
    'Too many failed authentications',
    `Too many failed authentications from this address: try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  );
}

/** The peer's address (behind a reverse proxy, the proxy's: see README, Security). */
export function clientAddress(request: Request): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
