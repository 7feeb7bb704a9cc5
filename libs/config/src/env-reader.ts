import { type ConfigProblem } from './config.error.js';

/**
 * Reads environment variables and collects what is wrong instead of throwing at the first problem.
 * Each reader returns a usable stand-in when the value is bad, so the caller can go on and find the
 * next problem; `loadConfig` throws once all variables have been read.
 */
export class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /**
   * The trimmed value, or undefined when unset. An empty value counts as unset because
   * `PORT=` in an env file or `${PORT:-}` in compose means "not given", not "the empty string".
   */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, range: { min: number; max: number; fallback: number }): number {
    const raw = this.optional(name);
    if (raw === undefined) return range.fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= range.min && value <= range.max) return value;
    this.fail(name, `must be an integer from ${range.min} to ${range.max}, got ${quote(raw)}`);
    return range.fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const match = allowed.find((choice) => choice === raw);
    if (match !== undefined) return match;
    this.fail(name, `must be one of ${allowed.join(', ')}, got ${quote(raw)}`);
    return fallback;
  }

  /** A required URL with one of the given schemes; credentials are masked in the message. */
  url(name: string, schemes: readonly string[], neededBecause: string): string {
    const raw = this.optional(name);
    const expected = schemes.map((scheme) => `${scheme}://`).join(' or ');
    if (raw === undefined) {
      this.fail(name, `is required when ${neededBecause} (a URL starting with ${expected})`);
    } else if (!schemes.some((scheme) => raw.startsWith(`${scheme}://`))) {
      this.fail(name, `must start with ${expected}, got ${quote(maskCredentials(raw))}`);
    }
    return raw ?? '';
  }

  fail(name: string, problem: string): void {
    this.problems.push({ variable: name, message: `${name} ${problem}` });
  }
}

const quote = (value: string): string => JSON.stringify(value);

/** Connection strings carry passwords, and error messages end up in logs. */
function maskCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}
