export const READ_STORE = Symbol('READ_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
