import type { Role, TokenStore } from '@ledger/auth';
import type { Actor } from '@ledger/event-store';
import type { DemoActors } from './load-demo.js';

/**
 * The principals the demo records as actors. Names are unique in the token store, so a second run on
 * the same data folder reuses them and the audit trail keeps naming one loader and one admin.
 */
export function demoActors(tokens: TokenStore): DemoActors {
  return {
    manager: ensurePrincipal(tokens, 'demo-loader', 'programme-manager'),
    admin: ensurePrincipal(tokens, 'demo-admin', 'admin'),
  };
}

/** A read-only token for whoever explores the demo; a new principal each run, so it can be revoked alone. */
export function createAuditorToken(tokens: TokenStore, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return tokens.create({ name: `demo-auditor-${stamp}`, role: 'auditor' }).token;
}

function ensurePrincipal(tokens: TokenStore, name: string, role: Role): Actor {
  const existing = tokens.list().find((principal) => principal.name === name);
  if (existing && existing.revokedAt === null && existing.role === role) {
    return { id: existing.id, role: existing.role };
  }
  // The name is taken by a revoked principal or one with another role: leave it alone, make another.
  const { principal } = tokens.create({ name: existing ? `${name}-${Date.now()}` : name, role });
  return { id: principal.id, role: principal.role };
}
