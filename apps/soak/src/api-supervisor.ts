import { type ApiProcess, type ProcessExit, startApiProcess } from '@ledger/processes';

/** One SIGKILL of the api and its restart on the same folder and port. */
export interface Restart {
  /** Seconds from the start of the load when the kill was sent. */
  readonly atSeconds: number;
  /** From the kill until the new process answered /health (the files' check between included). */
  readonly downMs: number;
  /** From spawning the new process until it answered /health. */
  readonly startMs: number;
  /** What the check of the files found between the kill and the restart (the files as the crash left them). */
  readonly afterKill: string;
}

/** An exit nobody asked for, and the end of what the process wrote to stderr. */
export interface UnexpectedExit {
  readonly exit: ProcessExit;
  readonly stderr: string;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Keeps the built api running on one data folder and one loopback port: kills it when asked
 * (SIGKILL), runs a check of the files, starts it again; an exit it did not ask for is recorded and
 * the api started again, so the clients carry on either way. `ready()` is the api once it answers.
 */
export class ApiSupervisor {
  readonly restarts: Restart[] = [];
  readonly unexpectedExits: UnexpectedExit[] = [];
  private readonly stopping = new WeakSet<ApiProcess>();
  private current: ApiProcess | undefined;
  private up!: Promise<ApiProcess>;
  private markUp!: (api: ApiProcess) => void;
  private markFailed!: (error: unknown) => void;
  private port: number | undefined;

  private constructor(
    private readonly dataDir: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly afterKill: () => string,
    private readonly startedAt: () => number,
  ) {
    this.goDown();
  }

  static async start(
    dataDir: string,
    env: Readonly<Record<string, string>>,
    afterKill: () => string,
    startedAt: () => number,
  ): Promise<ApiSupervisor> {
    const supervisor = new ApiSupervisor(dataDir, env, afterKill, startedAt);
    await supervisor.launch();
    return supervisor;
  }

  /** The running api; waits while it restarts. Rejects when it cannot be started again. */
  ready(): Promise<ApiProcess> {
    return this.up;
  }

  get isUp(): boolean {
    return this.current !== undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port ?? 0}`;
  }

  /** SIGKILL now (once the api is up), check the files as the crash left them, start again. */
  async killAndRestart(): Promise<Restart> {
    const api = await this.ready();
    const atSeconds = (performance.now() - this.startedAt()) / 1000;
    this.stopping.add(api);
    this.goDown();
    const killed = performance.now();
    await api.kill('SIGKILL');
    const afterKill = this.afterKill();
    const spawned = performance.now();
    await this.launch();
    const restart = {
      atSeconds: round(atSeconds, 2),
      downMs: Math.round(performance.now() - killed),
      startMs: Math.round(performance.now() - spawned),
      afterKill,
    };
    this.restarts.push(restart);
    return restart;
  }

  /** SIGTERM, as a deploy stops it; resolves with how it ended. */
  async stop(): Promise<{ exit: ProcessExit; stderr: string }> {
    const api = await this.ready();
    this.stopping.add(api);
    this.goDown();
    await api.kill('SIGTERM');
    return { exit: await api.exit, stderr: api.stderr() };
  }

  private goDown(): void {
    this.current = undefined;
    this.up = new Promise<ApiProcess>((resolve, reject) => {
      this.markUp = resolve;
      this.markFailed = reject;
    });
    // Nobody may be waiting when a start fails; the next ready() still rejects.
    this.up.catch(() => undefined);
  }

  private async launch(): Promise<void> {
    try {
      const api = await startApiProcess(this.dataDir, {
        env: this.env,
        ...(this.port === undefined ? {} : { port: this.port }),
        readyTimeoutMs: READY_TIMEOUT_MS,
      });
      this.port = api.port;
      this.current = api;
      void api.exit.then((exit) => this.exited(api, exit));
      this.markUp(api);
    } catch (error) {
      this.markFailed(error);
      throw error;
    }
  }

  private exited(api: ApiProcess, exit: ProcessExit): void {
    if (this.stopping.has(api) || this.current !== api) return;
    this.unexpectedExits.push({ exit, stderr: api.stderr().slice(-4000) });
    this.goDown();
    this.launch().catch(() => undefined);
  }
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
