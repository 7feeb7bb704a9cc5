/**
 * One step in the life of an event type's schema: turns the data of `fromVersion` into the data of
 * `toVersion` (always `fromVersion + 1`). Pure: no clock, no I/O, and the input is never mutated,
 * because the same stored event is read again and again and must always read the same.
 *
 * @example
 * const incomeV1toV2: Upcaster = {
 *   type: 'IncomeReported', fromVersion: 1, toVersion: 2,
 *   upcast: (data) => ({ attributableToProgramme: true, ...(data as object) }),
 * };
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

/** What every read path gets from a stored event: its data in the current schema, and that version. */
export interface UpcastEvent {
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Why a stored event cannot be read: a version newer than this code knows (an older deployment
 * reading a newer log), or a version no upcaster leads on from. Either needs a code change, so it is
 * not a domain error with an HTTP status: it stops whatever read the event, naming it.
 */
export class UpcastError extends Error {
  constructor(
    readonly code: 'EVENT.SCHEMA_VERSION_UNKNOWN' | 'EVENT.UPCASTER_MISSING',
    readonly type: string,
    readonly schemaVersion: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpcastError';
  }
}
