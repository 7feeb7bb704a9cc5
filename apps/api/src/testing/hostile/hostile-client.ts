import type { EventStore } from '@ledger/event-store';
import { escapeHtml } from '../../browser/html-page.js';
import type { HostileRequest, HostileResponse, RawHttp } from './raw-http.js';

/** What no response may contain: a stack frame, a source path, SQL or the database's name. */
export const LEAK_MARKERS = [
  '    at ',
  '/src/',
  '.ts:',
  'node_modules',
  'SELECT ',
  'INSERT ',
  'SQLITE_',
  'sqlite',
];

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The markers in `text` once everything the client sent is taken out of it: an answer may echo the
 * path or a value back (`No history for grant-x UNION SELECT...`), as sent, JSON-escaped or
 * HTML-escaped, which is not a leak.
 */
export function leaksIn(text: string, sent: readonly string[]): string[] {
  let rest = text;
  const forms = sent
    .flatMap((value) => [value, safeDecode(value)])
    .flatMap((value) => [value, JSON.stringify(value).slice(1, -1), escapeHtml(value)])
    .filter((form) => form.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const form of forms) rest = rest.split(form).join('');
  return LEAK_MARKERS.filter((marker) => rest.includes(marker));
}

/** Counts what the runs sent and what came back, for the summary line. */
export class Tally {
  requests = 0;
  serverErrors = 0;
  writes = 0;
  /** The first request that wrote: a write makes the same input answer differently afterwards (409). */
  firstWrite: string | undefined;
  leaks = 0;
  readonly endpoints = new Set<string>();
  readonly byCategory = new Map<string, number>();
  readonly byStatus = new Map<number, number>();

  count(category: string, endpoint: string, status: number): void {
    this.requests += 1;
    this.endpoints.add(endpoint);
    this.byCategory.set(category, (this.byCategory.get(category) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) this.serverErrors += 1;
  }

  summary(): string {
    const n = (value: number) => value.toLocaleString('en-GB');
    const categories = [...this.byCategory].map(([name, count]) => `${name} ${n(count)}`).join(', ');
    const statuses = [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${n(count)}`)
      .join(' ');
    return (
      `hostile-input: ${n(this.requests)} requests to ${this.endpoints.size} endpoints, ` +
      `${n(this.serverErrors)} 5xx, ${n(this.writes)} writes, ${n(this.leaks)} leaks\n` +
      `  by category: ${categories}\n  by status: ${statuses}`
    );
  }
}

export interface Probe {
  /** For the tally: what kind of hostile input. */
  readonly category: string;
  /** For the tally: `METHOD /route` as in ENDPOINTS. */
  readonly endpoint: string;
  readonly request: HostileRequest;
  /** Hostile values the answer may echo back (see leaksIn). */
  readonly sent?: readonly string[];
}

export interface ProblemBody {
  readonly status: number;
  readonly code: string;
  readonly errors?: readonly { field: string; messages: readonly string[] }[];
}

function excerpt(text: string, length = 400): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

export function describeRequest(request: HostileRequest): string {
  const body =
    request.body === undefined ? '' : ` body ${excerpt(JSON.stringify(String(request.body)), 300)}`;
  return `${request.method} ${excerpt(request.path, 200)}${body}`;
}

/**
 * Sends hostile requests and holds every answer to what any answer must be: no 5xx, no write to the
 * log (its head is read before and after), nothing leaked.
 */
export class HostileClient {
  /**
   * `footprint`, when given, is what no request may change beyond the log's head: command records,
   * stream heads, personal-data keys (ledgerFootprint of the embedded files).
   */
  constructor(
    private readonly http: RawHttp,
    private readonly store: EventStore,
    readonly tally: Tally,
    private readonly footprint: () => string = () => '',
  ) {}

  async send(probe: Probe): Promise<HostileResponse> {
    const before = `${String(await this.store.headPosition())} ${this.footprint()}`;
    const response = await this.http.send(probe.request);
    const after = `${String(await this.store.headPosition())} ${this.footprint()}`;
    this.tally.count(probe.category, probe.endpoint, response.status);
    const what = describeRequest(probe.request);
    if (response.status >= 500 || response.status < 100) {
      throw new Error(`${what} answered ${response.status}: ${excerpt(response.text)}`);
    }
    if (after !== before) {
      this.tally.writes += 1;
      this.tally.firstWrite ??= `${what} answered ${response.status}`;
      throw new Error(
        `${what} wrote (log head, commands, stream heads, keys: ${before} → ${after}), answering ${response.status}`,
      );
    }
    const leaks = leaksIn(response.text, [probe.request.path, ...(probe.sent ?? [])]);
    if (leaks.length > 0) {
      this.tally.leaks += 1;
      throw new Error(
        `${what} answered ${response.status} with ${leaks.join(', ')}: ${excerpt(response.text)}`,
      );
    }
    return response;
  }
}

/** The problem+json a 4xx must carry; throws naming what is wrong. */
export function problemOf(response: HostileResponse, what = 'the answer'): ProblemBody {
  const where = `${what} (${response.status} ${excerpt(response.text, 300)})`;
  if (response.status < 400 || response.status >= 500) throw new Error(`${where}: not a 4xx`);
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/problem\+json\b/.test(type)) throw new Error(`${where}: content-type ${type}`);
  const body = JSON.parse(response.text) as Partial<ProblemBody>;
  if (typeof body.code !== 'string' || body.code === '') throw new Error(`${where}: no code`);
  if (body.status !== response.status) throw new Error(`${where}: status ${body.status} in the body`);
  return body as ProblemBody;
}
