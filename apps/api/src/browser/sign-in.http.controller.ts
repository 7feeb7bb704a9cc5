import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { clientAddress } from '../auth/bearer-auth.guard.js';
import { CSRF_FIELD, CsrfTokens } from '../auth/csrf-tokens.js';
import { FailedLoginLimiter } from '../auth/failed-login-limiter.js';
import { Public } from '../auth/requires.decorator.js';
import { SESSION_COOKIE, SESSION_TTL_MS, sessionIdOf, SessionStore } from '../auth/session-store.js';
import { escapeHtml, htmlPage } from './html-page.js';

/** The only routes that take a urlencoded body: the browser's forms. Every other body is JSON. */
export const BROWSER_FORM_PATHS: readonly string[] = ['/sign-in', '/sign-out'];

/**
 * Browser access for auditors: a page that takes a token and sets a session cookie (HttpOnly,
 * SameSite=Strict), so the HTML report and audit trail open in a browser. API clients keep using
 * the bearer header.
 */
@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    private readonly sessions: SessionStore,
    private readonly failedLogins: FailedLoginLimiter,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get('sign-in')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query('next') next: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    return signInPage(safeNext(next), this.csrf.tokenFor(req, res));
  }

  @Post('sign-in')
  @Public()
  @HttpCode(303)
  signIn(
    @Body() posted: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const body = posted ?? {}; // no body at all: express leaves it undefined
    const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
    const next = safeNext(body['next']);
    if (!this.csrf.verify(req, body)) {
      const again = this.csrf.tokenFor(req, res);
      res
        .status(403)
        .type('html')
        .send(signInPage(next, again, FORM_EXPIRED));
      return;
    }
    const address = clientAddress(req);
    const wait = this.failedLogins.retryAfterSeconds(address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      const minutes = Math.ceil(wait / 60);
      const message = `Too many failed sign-ins from this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
      res
        .status(429)
        .type('html')
        .send(signInPage(next, this.csrf.tokenFor(req, res), message));
      return;
    }
    if (!this.tokens.authenticate(token)) {
      this.failedLogins.recordFailure(address);
      res
        .status(401)
        .type('html')
        .send(signInPage(next, this.csrf.tokenFor(req, res), 'That token is not valid.'));
      return;
    }
    const id = this.sessions.open(token);
    res.cookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: SESSION_TTL_MS,
    });
    res.redirect(303, next);
  }

  @Post('sign-out')
  @Public()
  signOut(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    if (!this.csrf.verify(req, body ?? {})) {
      const again = this.csrf.tokenFor(req, res);
      res
        .status(403)
        .type('html')
        .send(
          htmlPage(
            'Sign out',
            `<h1>Sign out</h1><p class="error" role="alert">${FORM_EXPIRED}</p>${signOutForm(again)}`,
          ),
        );
      return;
    }
    const id = sessionIdOf(req.headers.cookie);
    if (id) this.sessions.close(id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/sign-in');
  }
}

/** Only a path on this site: never an absolute or protocol-relative URL (no open redirect). */
function safeNext(given: unknown): string {
  // A query string can give `next` twice (an array) or as `next[a]=` (an object): only text is a path.
  const next = typeof given === 'string' ? given : undefined;
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

const FORM_EXPIRED =
  'This form was out of date or was sent from another site, so nothing was done. Please try again.';

/** The sign-out button, with the CSRF token of the page it is on. */
export function signOutForm(csrfToken: string): string {
  return `<form method="post" action="/sign-out"><input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}"><button type="submit">Sign out</button></form>`;
}

function signInPage(next: string, csrfToken: string, error?: string): string {
  return htmlPage(
    'Sign in',
    `<h1>Programme Ledger — sign in</h1>
<p>Paste the token you were given (for example by <code>ledger token create --role auditor</code>).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/sign-in">
  <label for="token">Token</label>
  <input id="token" name="token" type="password" autocomplete="off" required>
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">
  <button type="submit">Sign in</button>
</form>`,
  );
}
