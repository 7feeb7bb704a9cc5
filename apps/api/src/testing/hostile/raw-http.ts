import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';

export interface HostileRequest {
  readonly method: 'GET' | 'POST';
  /** Sent exactly as given: no normalisation of `..`, no re-encoding. */
  readonly path: string;
  /** In order; a name given twice is sent twice. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string | Buffer;
}

export interface HostileResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/**
 * A bare HTTP/1.1 client for one server on loopback: the request goes out as written (supertest and
 * fetch would add a Content-Type, normalise the path or refuse a duplicate header).
 */
export class RawHttp {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly port: number,
    private readonly timeoutMs = 20_000,
  ) {}

  send(hostile: HostileRequest): Promise<HostileResponse> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: this.port,
        method: hostile.method,
        path: hostile.path,
        agent: this.agent,
      });
      const grouped = new Map<string, string[]>();
      for (const [name, value] of hostile.headers ?? []) {
        grouped.set(name, [...(grouped.get(name) ?? []), value]);
      }
      for (const [name, values] of grouped)
        req.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);
      const body = hostile.body === undefined ? undefined : Buffer.from(hostile.body);
      if (body !== undefined && !grouped.has('Content-Length')) req.setHeader('Content-Length', body.length);
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface SocketExchange {
  /** Everything the server wrote, as Latin-1. */
  readonly text: string;
  /** Milliseconds from the first byte sent to the end of the status line, if one came. */
  readonly answeredAfterMs: number | undefined;
  /** Whether the server closed the connection before `waitMs`. */
  readonly closedByServer: boolean;
}

/**
 * Writes `bytes` on a fresh connection, sends nothing more, and collects what the server answers
 * within `waitMs`: for requests no HTTP client would send (a Content-Length that never arrives).
 */
export function rawExchange(port: number, bytes: string | Buffer, waitMs: number): Promise<SocketExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let answeredAfterMs: number | undefined;
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, answeredAfterMs, closedByServer });
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (answeredAfterMs === undefined && text.includes('\r\n'))
        answeredAfterMs = performance.now() - started;
    });
    socket.on('close', () => finish(true));
    // A reset after the answer (the server closing on unread bytes) is still a close.
    socket.on('error', () => undefined);
    socket.write(bytes);
    const timer = setTimeout(() => finish(false), waitMs);
  });
}
