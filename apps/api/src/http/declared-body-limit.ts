import { PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem } from './problem-details.js';

/**
 * Refuses a request whose declared Content-Length is over the limit before a byte of its body is
 * read: 413 problem+json at once, and the connection closed after it. The body parsers check the
 * limit too (they must, for a chunked body that declares no length), but they answer only once they
 * have read off the whole body, so a client declaring a gigabyte would hold the request open and
 * make the server drain it all before hearing "too large".
 *
 * @example
 * app.use(refuseDeclaredOversizedBodies(config.maxBodyBytes)); // before the body parsers
 */
export function refuseDeclaredOversizedBodies(maxBytes: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > maxBytes)) {
      next();
      return;
    }
    // Nothing more of this request is read: the connection cannot carry another one after it.
    response.setHeader('Connection', 'close');
    next(
      new PayloadTooLargeException(
        problem(
          413,
          'REQUEST.TOO_LARGE',
          'Request body too large',
          `The body declares ${declared} bytes; the limit is ${maxBytes}`,
        ),
      ),
    );
  };
}
