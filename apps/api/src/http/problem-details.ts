/** RFC 9457 problem details, with the ledger's stable `code`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  /** For 400: every offending field with what is wrong with it. */
  readonly errors?: readonly { field: string; messages: readonly string[] }[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: object = {},
): ProblemDetails {
  return { type: `urn:programme-ledger:problem:${code}`, title, status, code, detail, ...extra };
}
