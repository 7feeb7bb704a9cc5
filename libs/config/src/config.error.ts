/** One variable that failed validation, with a sentence that names it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/**
 * The environment does not describe a runnable ledger. Lists every bad variable at once, so one
 * restart fixes them all rather than one per attempt.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(['Invalid configuration:', ...problems.map((problem) => `- ${problem.message}`)].join('\n'));
    this.name = 'ConfigError';
  }
}
