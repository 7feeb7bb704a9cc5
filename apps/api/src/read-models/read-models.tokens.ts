export const READ_STORE = Symbol('READ_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
/** The read models built on demand as at past positions (time travel), a few kept. */
export const READ_MODELS_AT = Symbol('READ_MODELS_AT');
