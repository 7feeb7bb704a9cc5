import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandContext } from '@ledger/ledger-application';
import { correlationIdOf } from '@ledger/observability';
import { principalOf } from '../auth/principal.js';
import { problem } from './problem-details.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Builds who sent a command and how from the request: the authenticated principal (never the body),
 * the Idempotency-Key, the correlation id and the If-Match revision.
 */
export function commandContextOf(request: Request, now: Date = new Date()): CommandContext {
  const commandId = header(request, 'idempotency-key', 'Idempotency-Key') ?? randomUUID();
  // A command with a malformed X-Correlation-Id is refused (400); its request line gets a new UUID.
  const given = header(request, 'x-correlation-id', 'X-Correlation-Id');
  // The id the request's log lines carry (HttpRequestTracker): the caller's when given, else a new
  // UUID. The command id stands in only when the request did not pass the tracker (no app around it).
  const correlationId = correlationIdOf(request) ?? given ?? commandId;
  const principal = principalOf(request);
  const expectedRevision = parseIfMatch(request.headers['if-match']);
  return {
    commandId,
    correlationId,
    causationId: commandId,
    actor: { id: principal.id, role: principal.role },
    source: 'api',
    now: now.toISOString(),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

function header(request: Request, name: string, display: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw invalidHeader(display, `${display} must be 1-200 letters, digits or ._:-`);
  }
  return value;
}

/** `W/"3"`, `"3"` or `3`: the stream revision the client last saw. */
export function parseIfMatch(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(?:W\/)?"?(-1|\d{1,15})"?$/.exec(value.trim()) : null;
  if (!match?.[1]) throw invalidHeader('If-Match', 'If-Match must be a stream revision such as W/"3"');
  return Number(match[1]);
}

function invalidHeader(field: string, message: string): BadRequestException {
  return new BadRequestException(
    problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
      errors: [{ field, messages: [message] }],
    }),
  );
}
