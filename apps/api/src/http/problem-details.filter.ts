import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@ledger/ledger-domain';
import {
  ConcurrencyError,
  EventStoreFullError,
  EventStoreReadOnlyError,
  EventStoreUnavailableError,
  IdempotencyKeyReusedError,
  IncompleteAppendError,
  storageFaultOf,
  StreamMissingError,
} from '@ledger/event-store';
import { isDuplicateKeyError } from './json-bodies.js';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details.js';

const STATUS_OF_KIND = { 'not-found': 404, conflict: 409, rule: 422, forbidden: 403 } as const;

/** A title that fits the status: a 404 says what was not found, never that a rule was broken. */
const TITLE_OF_KIND = {
  'not-found': 'Not found in the ledger',
  conflict: 'The command conflicts with what the ledger holds',
  rule: 'The command breaks a rule of the ledger',
  forbidden: 'Not allowed',
} as const;

/** The one place errors become `application/problem+json`. No stack trace or SQL ever reaches a client. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...this.toProblem(exception, request), instance: request.originalUrl };
    if (body.status >= 500) this.logger.error(logLine(exception));
    if (body.status === 401 && wantsPage(request)) {
      response.redirect(303, `/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind];
      return problem(status, exception.code, TITLE_OF_KIND[exception.kind], exception.message, {
        details: exception.details,
      });
    }
    if (exception instanceof ConcurrencyError) return concurrencyProblem(exception, request);
    if (exception instanceof IdempotencyKeyReusedError) {
      return problem(422, 'IDEMPOTENCY.KEY_REUSED', 'Idempotency-Key reused', exception.message);
    }
    const storage = storageProblem(exception);
    if (storage !== undefined) return storage;
    if (exception instanceof EventStoreUnavailableError) {
      return problem(503, 'STORE.UNAVAILABLE', 'The event store is unavailable', 'Try again later');
    }
    if (exception instanceof IncompleteAppendError) {
      // EventStoreDB only (ADR 0007): part of the command is recorded and cannot be undone.
      return problem(
        500,
        'STORE.INCOMPLETE_APPEND',
        'The command was only partly recorded',
        `${exception.message}. An operator must record a compensating correction; retrying answers the same.`,
        { commandId: exception.commandId, written: exception.written },
      );
    }
    if (exception instanceof HttpException) return httpProblem(exception);
    if (isBodyParserError(exception)) return bodyParserProblem(exception);
    return problem(
      500,
      'INTERNAL',
      'Internal error',
      'The ledger could not handle the request; nothing was written',
    );
  }
}

/**
 * What a server-side failure logs: a bug's stack, but only the message of a storage fault the store
 * named its file in (the operator's to fix: a stack would bury the one line that matters).
 */
function logLine(exception: unknown): string | undefined {
  if (!(exception instanceof Error)) return String(exception);
  const named = exception instanceof EventStoreFullError || exception instanceof EventStoreReadOnlyError;
  return named ? exception.message : exception.stack;
}

/**
 * A write the disk refused, from whichever store met it (507 Insufficient Storage: the server cannot
 * store what the request needs, and retrying will not help until an operator acts). The transaction
 * was rolled back whole, so the detail can promise that nothing of the request was recorded.
 */
function storageProblem(exception: unknown): ProblemDetails | undefined {
  const fault = storageFaultOf(exception);
  if (fault === 'full') {
    return problem(
      507,
      'STORE.DISK_FULL',
      'The disk is full',
      "The disk holding the ledger's data is full: nothing of this request was recorded. " +
        'Send it again once an operator has freed space.',
    );
  }
  if (fault === 'read-only') {
    return problem(
      507,
      'STORE.READ_ONLY',
      "The ledger's data is read-only",
      'The ledger may not write to its data folder: nothing of this request was recorded. ' +
        'Send it again once an operator has made the folder writable.',
    );
  }
  return undefined;
}

/** A person in a browser (not an API client) asking for a page is sent to sign in instead. */
function wantsPage(request: Request): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

function concurrencyProblem(error: ConcurrencyError, request: Request): ProblemDetails {
  const detail =
    error instanceof StreamMissingError
      ? `${error.stream} does not exist, and If-Match: * matches only a stream that does`
      : `${error.stream} is at revision ${error.actual}; you sent ${String(error.expected)}`;
  if (request.headers['if-match'] !== undefined) {
    return problem(412, 'STREAM.REVISION_MISMATCH', 'Stale If-Match', detail, { revision: error.actual });
  }
  return problem(409, 'STREAM.CONFLICT', 'Concurrent change', detail);
}

function httpProblem(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const payload = exception.getResponse();
  if (typeof payload === 'object' && payload !== null && 'code' in payload && 'type' in payload) {
    return payload as ProblemDetails;
  }
  if (status === 400 && exception.cause instanceof URIError) {
    // Express could not decode a route parameter: the URL is at fault, not a body (a GET has none).
    return problem(
      400,
      'REQUEST.INVALID',
      'The request is not valid',
      'The path holds a malformed percent-encoding (a % not followed by two hex digits of UTF-8)',
    );
  }
  // Nest wraps body-parser's errors (a duplicate key, a charset it cannot read) with them as cause.
  if (isBodyParserError(exception.cause)) return bodyParserProblem(exception.cause);
  if (status === 400) {
    // Nest turns a body-parser failure into a bare 400: the body was not JSON.
    return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON');
  }
  const code = HTTP_CODES[status] ?? `HTTP.${status}`;
  // The status's own reason phrase, never the exception class ("NotFoundException").
  return problem(status, code, STATUS_CODES[status] ?? 'Error', detailOf(exception, status));
}

const HTTP_CODES: Readonly<Record<number, string>> = {
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

interface BodyParserError {
  readonly type: string;
  readonly status: number;
}

function isBodyParserError(value: unknown): value is BodyParserError {
  return typeof value === 'object' && value !== null && 'type' in value && 'status' in value;
}

/** Nest's own messages ("Cannot GET /x") are fine details; its bare class names are not. */
function detailOf(exception: HttpException, status: number): string {
  const message = exception.message;
  return /Exception$/.test(message) || message === '' ? (STATUS_CODES[status] ?? 'Error') : message;
}

function bodyParserProblem(error: BodyParserError): ProblemDetails {
  if (isDuplicateKeyError(error)) {
    return problem(400, 'REQUEST.INVALID', 'The request is not valid', error.message, {
      errors: [{ field: error.field, messages: [`${error.field} is given more than once`] }],
    });
  }
  if (error.status === 415) {
    // body-parser: a charset or content encoding it cannot read.
    return problem(
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      'The body must be JSON in UTF-8, with no content encoding',
    );
  }
  if (error.type === 'entity.too.large') {
    return problem(
      413,
      'REQUEST.TOO_LARGE',
      'Request body too large',
      'The body exceeds the configured limit',
    );
  }
  return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON');
}
