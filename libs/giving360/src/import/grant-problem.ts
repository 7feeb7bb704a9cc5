/** Why a grant of a file cannot be imported: a stable code, and a message naming the field and its value. */
export interface GrantProblem {
  readonly code: string;
  readonly message: string;
}

/** A grant the import leaves out, with every problem found in it. `position` counts from 1 in file order. */
export interface InvalidGrant {
  readonly id: string | undefined;
  readonly position: number;
  readonly problems: readonly GrantProblem[];
}

export function problem(code: string, message: string): GrantProblem {
  return { code, message };
}

/** A value as a message shows it: strings quoted, the rest as JSON, long ones cut short. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
