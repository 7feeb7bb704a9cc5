import type { IncomingMessage } from 'node:http';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { visit } from 'jsonc-parser';
import contentType from 'content-type';
import { problem } from './problem-details.js';

/** The one media type a command body may have; `charset` may only say UTF-8 (RFC 8259 §8.1). */
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** A duplicate key found while the body is read, before it is parsed: body-parser answers its status. */
class DuplicateKeyError extends Error {
  readonly status = 400;
  readonly type = 'entity.duplicate.key';
  constructor(readonly field: string) {
    super(`The body gives ${field} more than once`);
  }
}

export function isDuplicateKeyError(error: unknown): error is DuplicateKeyError {
  return error instanceof DuplicateKeyError;
}

/**
 * body-parser's `verify`: refuses a JSON body that gives one key twice in an object. JSON.parse keeps
 * the last silently, so `{"amountPence": 100, "amountPence": 100000}` would record what a reviewer of
 * the first line never saw. Keys are compared as JSON decodes them (`"a"` and `"\u0061"` are one).
 */
export function refuseDuplicateKeys(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  const open: Set<string>[] = [];
  let duplicate: string | undefined;
  try {
    visitKeys(body.toString('utf8'), open, (found) => {
      duplicate ??= found;
    });
  } catch (error) {
    // The visitor recurses: a body nested past its stack is refused for its depth after parsing.
    if (!(error instanceof RangeError)) throw error;
  }
  if (duplicate !== undefined) throw new DuplicateKeyError(duplicate);
}

function visitKeys(text: string, open: Set<string>[], onDuplicate: (path: string) => void): void {
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (property, _offset, _length, _line, _character, pathSupplier) => {
      const keys = open[open.length - 1];
      if (keys === undefined) return;
      if (keys.has(property)) onDuplicate([...pathSupplier(), property].join('.'));
      keys.add(property);
    },
  });
}

/**
 * Refuses a request body in anything but JSON with 415, before any parser reads it. Only the browser
 * forms (`formPaths`) take a urlencoded body, and only that. `application/merge-patch+json` and the
 * like are JSON with other meanings (a patch, not a fact), so they are refused too rather than read
 * as a command. A request with no body (a body-less operation) passes whatever its headers say.
 *
 * @example
 * app.use(refuseBodiesNotJson(['/sign-in', '/sign-out'])); // before the body parsers
 */
export function refuseBodiesNotJson(formPaths: readonly string[]) {
  const forms = new Set(formPaths);
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!hasBody(request)) {
      next();
      return;
    }
    const wanted = forms.has(request.path) ? FORM_TYPE : JSON_TYPE;
    const given = request.headers['content-type'] ?? '';
    if (isMediaType(given, wanted)) {
      next();
      return;
    }
    const sent = given === '' ? 'no Content-Type' : `Content-Type ${given.slice(0, 100)}`;
    next(
      new UnsupportedMediaTypeException(
        problem(
          415,
          'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          'Unsupported media type',
          `This endpoint takes a body of ${wanted} (UTF-8); the request has ${sent}`,
          { accepted: [wanted] },
        ),
      ),
    );
  };
}

/** As RFC 9112 §6.3 has it: a body follows when the request says it is chunked or has a length. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}

/** The media type, and a charset parameter when given must name UTF-8: the parsers read nothing else. */
function isMediaType(given: string, wanted: string): boolean {
  try {
    const { type, parameters } = contentType.parse(given);
    const charset = parameters['charset'];
    return type === wanted && (charset === undefined || charset.toLowerCase() === 'utf-8');
  } catch {
    return false;
  }
}
