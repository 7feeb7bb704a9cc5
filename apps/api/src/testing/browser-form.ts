import type { TestLedger } from './test-ledger.js';

/** What a browser holds after opening the sign-in page: its CSRF cookie and the form's token. */
export interface FormSession {
  /** The `Cookie` header value to send with the form. */
  readonly cookie: string;
  /** The form's hidden `_csrf` field. */
  readonly csrf: string;
}

/**
 * Opens `page` as a browser would (GET) and reads back the CSRF cookie it set and the token in its
 * form: what posting the sign-in or sign-out form needs.
 */
export async function openForm(
  http: TestLedger['http'],
  page = '/sign-in',
  cookie = '',
): Promise<FormSession> {
  const res = await http.get(page).set('Cookie', cookie);
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const csrfCookie = set
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('ledger_csrf='));
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (token === undefined) throw new Error(`${page} answered ${res.status} with no CSRF token in its form`);
  const cookies = [cookie, csrfCookie].filter((part) => part !== undefined && part !== '').join('; ');
  return { cookie: cookies, csrf: token };
}
