/** Readers for a grant's fields as a file holds them: anything may be absent, blank or of another type. */

export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, trimmed; undefined otherwise. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The first object of an array field (`fundingOrganization[0]`); undefined when there is none. */
export function firstOf(value: unknown): Fields | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return isFields(first) ? first : undefined;
}

/** Whether the field holds anything at all (an empty string or array counts as nothing). */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return !Array.isArray(value) || value.length > 0;
}
