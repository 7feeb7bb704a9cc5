import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '@ledger/auth';

const PRINCIPAL = Symbol('principal');

type AuthenticatedRequest = Request & { [PRINCIPAL]?: Principal };

export function setPrincipal(request: Request, principal: Principal): void {
  (request as AuthenticatedRequest)[PRINCIPAL] = principal;
}

/** The principal the guard authenticated. Every non-public route has one. */
export function principalOf(request: Request): Principal {
  const principal = (request as AuthenticatedRequest)[PRINCIPAL];
  if (!principal) throw new UnauthorizedException('No authenticated principal');
  return principal;
}
