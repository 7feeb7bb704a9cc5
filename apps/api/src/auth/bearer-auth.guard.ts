import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { can, type Permission, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { problem } from '../http/problem-details.js';
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
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const principal = this.tokens.authenticate(bearerToken(request) ?? this.sessionToken(request) ?? '');
    if (!principal) {
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

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
