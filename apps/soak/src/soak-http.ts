import { Agent, request } from 'node:http';
import type { ApiSupervisor } from './api-supervisor.js';

/** A command as sent: its route, its body as written (it may be malformed on purpose), its Idempotency-Key. */
export interface SoakRequest {
  readonly path: string;
  readonly body: string;
  readonly key: string;
  /** Sent as `If-Match: W/"<revision>"`. */
  readonly ifMatch?: number;
}

/** The ledger's definite answer to a request, however many attempts it took. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  /** Latency of the attempt that was answered. */
  readonly ms: number;
  readonly attempts: number;
  /** Attempts that got no answer (connection lost to a kill, refused while down, timed out): outcome unknown. */
  readonly cutOff: number;
}

const REQUEST_TIMEOUT_MS = 60_000;
/** Attempts in a row that fail while the api is meant to be up before the soak gives up (~1 min). */
const MAX_FAILURES_WHILE_UP = 600;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs commands to the supervised api with a bearer token over keep-alive connections. A request
 * with no answer has an unknown outcome (it may have been recorded just before a kill), so it is sent
 * again with the same Idempotency-Key once the api is back, until the ledger answers: as a real
 * client resolves it. The answer that finally comes is the one that counts.
 */
export class SoakHttp {
  private readonly agent: Agent;

  constructor(
    private readonly api: ApiSupervisor,
    private readonly token: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  async send(command: SoakRequest): Promise<Answer> {
    let attempts = 0;
    let cutOff = 0;
    let failuresWhileUp = 0;
    for (;;) {
      const { port } = await this.api.ready();
      attempts += 1;
      const started = performance.now();
      try {
        const { status, body } = await this.post(port, command);
        return { status, body, ms: performance.now() - started, attempts, cutOff };
      } catch (error) {
        cutOff += 1;
        if (!this.api.isUp) continue;
        // Not one of our kills (yet): a keep-alive connection closed under us, or an overloaded api.
        failuresWhileUp += 1;
        if (failuresWhileUp >= MAX_FAILURES_WHILE_UP)
          throw new Error(`${command.path} (key ${command.key}) got no answer in ${attempts} attempts`, {
            cause: error,
          });
        await sleep(100);
      }
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private post(port: number, command: SoakRequest): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(command.body)),
        'idempotency-key': command.key,
      };
      if (command.ifMatch !== undefined) headers['if-match'] = `W/"${command.ifMatch}"`;
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: command.path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('close', () => {
            if (!res.complete) reject(new Error('the answer was cut off'));
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(command.body);
    });
  }
}

/** GETs a path with the token: for the status of the projections once the load is over. */
export async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
