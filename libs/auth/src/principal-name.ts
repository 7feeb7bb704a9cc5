import { AuthError } from './auth.error.js';

const MAX_LENGTH = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

const RULES: ReadonlyArray<readonly [problem: string, isBroken: (name: string) => boolean]> = [
  ['must not be empty', (name) => name.trim() === ''],
  ['must not start or end with spaces', (name) => name !== name.trim()],
  [`must be at most ${MAX_LENGTH} characters`, (name) => name.length > MAX_LENGTH],
  ['must not contain control characters', (name) => CONTROL.test(name)],
  // So that revoke(nameOrId) can never match one principal by name and another by id.
  ['must not look like a principal id (a UUID)', (name) => UUID.test(name)],
];

/** @throws AuthError `AUTH.INVALID_NAME` naming the broken rule. */
export function checkPrincipalName(name: string): string {
  const broken = RULES.find(([, isBroken]) => isBroken(name));
  if (broken === undefined) return name;
  throw new AuthError('AUTH.INVALID_NAME', `Principal name ${JSON.stringify(name)} ${broken[0]}`);
}
