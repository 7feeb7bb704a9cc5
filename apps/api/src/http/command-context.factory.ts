import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { IfMatch } from '@ledger/event-store';
import { type CommandContext, scopedCommandId } from '@ledger/ledger-application';
import { correlationIdOf } from '@ledger/observability';
import { principalOf } from '../auth/principal.js';
import { problem } from './problem-details.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Builds who sent a command and how from the request: the authenticated principal (never the body),
 * the Idempotency-Key, the correlation id and the If-Match revision.
 */
export function commandContextOf(request: Request, now: Date = new Date()): CommandContext {
  const principal = principalOf(request);
  // The IETF draft spells the key as a structured-field string ("…"); the bare form is taken too.
  const key = header(request, 'idempotency-key', 'Idempotency-Key', { quoted: true });
  const commandId = key === undefined ? randomUUID() : scopedCommandId(principal.id, key);
  // A command with a malformed X-Correlation-Id is refused (400); its request line gets a new UUID.
  const given = header(request, 'x-correlation-id', 'X-Correlation-Id');
  // The id the request's log lines carry (HttpRequestTracker): the caller's when given, else a new
  // UUID. The command id stands in only when the request did not pass the tracker (no app around it).
  const correlationId = correlationIdOf(request) ?? given ?? commandId;
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

function header(
  request: Request,
  name: string,
  display: string,
  options: { quoted?: boolean } = {},
): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  const unquoted =
    options.quoted === true && typeof value === 'string' ? /^"([^"]*)"$/.exec(value)?.[1] : undefined;
  const text = unquoted ?? value;
  if (typeof text !== 'string' || !KEY_PATTERN.test(text)) {
    const form = options.quoted === true ? ', bare or in double quotes' : '';
    throw invalidHeader(display, `${display} must be 1-200 letters, digits or ._:-${form}`);
  }
  return text;
}

/**
 * `W/"3"`, `"3"` or `3`: the stream revision the client last saw. `*` matches any current revision
 * of a stream that exists (RFC 9110 §13.1.1): 412 for one that does not.
 */
export function parseIfMatch(value: string | string[] | undefined): IfMatch | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '*') return 'exists';
  const match = typeof value === 'string' ? /^(?:W\/)?"?(-1|\d{1,15})"?$/.exec(value.trim()) : null;
  if (!match?.[1]) {
    throw invalidHeader('If-Match', 'If-Match must be a stream revision such as W/"3", or *');
  }
  return Number(match[1]);
}

function invalidHeader(field: string, message: string): BadRequestException {
  return new BadRequestException(
    problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
      errors: [{ field, messages: [message] }],
    }),
  );
}
