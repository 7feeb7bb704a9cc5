import { SeededRandom } from '@ledger/workload';

export interface SoakOptions {
  /** How long the clients send commands. */
  readonly seconds: number;
  /** Clients sending at once, each one command at a time. */
  readonly clients: number;
  /** SIGKILLs of the api during the run, each followed by a restart on the same folder and port. */
  readonly kills: number;
  /** Seeds the clients' choices and the moments of the kills. */
  readonly seed: number;
  /** Print the summary as one JSON object instead of text. */
  readonly json: boolean;
  /** Keep the data folder afterwards (it is kept anyway when an invariant fails). */
  readonly keep: boolean;
}

export const USAGE =
  'node dist/apps/soak/src/main.js [--seconds N] [--clients 64] [--kills K] [--seed S] [--json] [--keep]';

/** A command line the soak cannot run: main prints it with the usage and exits 2. */
export class SoakOptionsError extends Error {
  constructor(message: string) {
    super(`${message}\nUsage: ${USAGE}`);
    this.name = 'SoakOptionsError';
  }
}

const DEFAULTS: SoakOptions = { seconds: 60, clients: 64, kills: 0, seed: 2017, json: false, keep: false };
const MAX_SECONDS = 7 * 24 * 3600;

function whole(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    throw new SoakOptionsError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  return value;
}

function seconds(text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 1 || value > MAX_SECONDS)
    throw new SoakOptionsError(
      `--seconds must be a number of seconds from 1 to ${MAX_SECONDS}, got ${JSON.stringify(text)}`,
    );
  return value;
}

/** Reads the command line (`--name value` or `--name=value`); every mistake names the option and what was given. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    const flag = (): true => {
      if (inline !== undefined)
        throw new SoakOptionsError(`${name} takes no value, got ${JSON.stringify(arg)}`);
      return true;
    };
    if (name === '--seconds') options.seconds = seconds(value());
    else if (name === '--clients') options.clients = whole('--clients', value(), 1, 1024);
    else if (name === '--kills') options.kills = whole('--kills', value(), 0, 10_000);
    else if (name === '--seed') options.seed = whole('--seed', value(), 0, 2 ** 31 - 1);
    else if (name === '--json') options.json = flag();
    else if (name === '--keep') options.keep = flag();
    else throw new SoakOptionsError(`Unknown option ${JSON.stringify(arg)}`);
  }
  // Each kill gets its own stretch of the run, long enough for the api to restart and take load again.
  const stretch = (options.seconds * KILL_WINDOW) / Math.max(1, options.kills);
  if (options.kills > 0 && stretch < MIN_SECONDS_PER_KILL)
    throw new SoakOptionsError(
      `--kills ${options.kills} needs --seconds ${Math.ceil((options.kills * MIN_SECONDS_PER_KILL) / KILL_WINDOW)} or more (a kill every ${MIN_SECONDS_PER_KILL} s at most), got --seconds ${options.seconds}`,
    );
  return options;
}

/** The share of the run the kills fall in: from 10 % to 85 %, so the run starts and ends under load. */
export const KILL_WINDOW = 0.75;
export const MIN_SECONDS_PER_KILL = 3;

/**
 * When each kill falls, in seconds from the start: one in each equal stretch of the kill window, at a
 * seeded moment within it, so the same seed kills at the same moments.
 */
export function killMoments(options: Pick<SoakOptions, 'seconds' | 'kills' | 'seed'>): number[] {
  const random = new SeededRandom(options.seed ^ 0x5eed);
  const stretch = (options.seconds * KILL_WINDOW) / Math.max(1, options.kills);
  return Array.from({ length: options.kills }, (_, k) => {
    const at = options.seconds * 0.1 + stretch * (k + random.next());
    return Math.round(at * 1000) / 1000;
  });
}
