import fc from 'fast-check';
import { isEmail } from 'class-validator';
import type { Body, CommandBody, Field, Fields } from './command-bodies.js';
import {
  DOCUMENTED_HEADER_KEY,
  DOCUMENTED_ID,
  DOCUMENTED_IF_MATCH,
  DOCUMENTED_ORG_ID,
  isCalendarDate,
  trimOws,
} from './documented-rules.js';

/** The seed of every property: fixed, so a failure replays; HOSTILE_SEED=<n> explores others. */
export const SEED = Number(process.env['HOSTILE_SEED'] ?? 20_250_611);

/** Characters that upset parsers, logs, terminals and SQL: NUL, bidi overrides, emoji, lone surrogates. */
const NASTY_UNITS = [
  '\u0000',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u200b',
  '\ufeff',
  '\u{1F600}',
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  '\ud800',
  '\udfff',
  '\u0085',
  '\u2028',
  '\uffff',
  'ẞ',
  'İ',
  '\r',
  '\n',
  '\t',
  '<',
  '"',
  "'",
  '\\',
  '%',
  '/',
  '..',
  '${',
  '}}',
  'a',
] as const;

/** SQL injection attempts: as values they must match nothing. */
export const INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "%' --",
  '%',
  '_',
  '1; DROP TABLE events',
  "'; DROP TABLE events;--",
  "'; DROP TABLE grant_register;--",
  '" OR ""="',
  "') OR ('a'='a",
  '1 UNION SELECT * FROM events',
  "x' UNION SELECT name FROM sqlite_master --",
  "\\'; --",
  '*/ OR /*',
  '$1',
  '?',
  ':id',
  "admin'--",
  "1' AND SLEEP(5)--",
  "'||(SELECT 1)||'",
  "x' OR stream LIKE '%",
  '%%',
  "\u0000' OR 1=1 --",
  'OR',
  "grant-' OR '1'='1",
] as const;

export const injection: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  fc
    .tuple(fc.constantFrom('', 'x', 'grant-', 'iep-', 'a:b'), fc.constantFrom(...INJECTIONS))
    .map(([prefix, attack]) => prefix + attack),
);

/** Strings of anything: any code point, graphemes, the nasty ones above, injections. */
export function hostileString(maxLength = 24): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength }),
    injection,
  );
}

/** Header values Node can send (tab, printable ASCII, Latin-1): anything else a client cannot. */
export function headerString(maxLength = 40): fc.Arbitrary<string> {
  const unit = fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(9))
    .map((code) => String.fromCharCode(code));
  return fc.string({ unit, maxLength });
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** A number JSON.stringify cannot write (1e400 parses to Infinity): spliced into the text as is. */
const RAW_PREFIX = '\u0001raw:';
const raw = (text: string): string => `${RAW_PREFIX}${text}`;

/** The JSON text of a body, with raw numbers spliced in. */
export function jsonText(body: unknown): string {
  // JSON.stringify writes U+0001 as \u0001.
  return (JSON.stringify(body) ?? '').replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

const VALUES_OF_TYPE: Readonly<Record<JsonType, fc.Arbitrary<unknown>>> = {
  string: fc.oneof(hostileString(12), fc.constantFrom('1', '100', 'true', '2017-10-01', '')),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1)),
  boolean: fc.boolean(),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  null: fc.constant(null),
};

function jsonTypeOf(field: Field): JsonType {
  switch (field.kind) {
    case 'pence':
    case 'int':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'strings':
      return 'array';
    case 'object':
      return 'object';
    default:
      return 'string';
  }
}

/** A value of another JSON type than the field's (null only where the field is required). */
function wrongType(field: Field): fc.Arbitrary<unknown> {
  const own = jsonTypeOf(field);
  const others = (Object.keys(VALUES_OF_TYPE) as JsonType[]).filter(
    (type) => type !== own && !(type === 'null' && field.optional),
  );
  return fc.oneof(...others.map((type) => VALUES_OF_TYPE[type]));
}

const notInteger = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((value) => !Number.isInteger(value));
/** Whole numbers a double holds but not exactly: 2^53 and up. */
const hugeNumber = fc.oneof(
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, 1e16, 1e21, 1e300, Number.MAX_VALUE, raw('1e400'), raw('-1e400')),
  fc.double({ min: 2 ** 53, noNaN: true, noDefaultInfinity: true }),
);

function wholeNumberOutside(min: number, max: number | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: -(2 ** 31), max: min - 1 }),
    ...(max === undefined ? [] : [fc.integer({ min: max + 1, max: max + 2 ** 31 })]),
    notInteger,
    hugeNumber,
    fc.constantFrom(-1e300, 0.5, 20_000.5, Number.EPSILON, Number.MIN_VALUE, min - 0.5),
  );
}

/** A value of the field's own JSON type that its documented rules refuse; undefined when none. */
function badValue(field: Field): fc.Arbitrary<unknown> | undefined {
  switch (field.kind) {
    case 'id':
      return fc.oneof(
        fc.constantFrom(
          '',
          ' ',
          '.a',
          '-a',
          '_a',
          ':a',
          'a b',
          'a/b',
          'a%b',
          "a'b",
          'a;b',
          'é',
          'x'.repeat(129),
        ),
        hostileString().filter((value) => !DOCUMENTED_ID.test(value)),
      );
    case 'date':
      return fc
        .oneof(
          fc.constantFrom(
            '2017-02-30',
            '2017-13-01',
            '2017-00-10',
            '17-01-01',
            '2017-1-1',
            '2017-01-01T00:00:00Z',
            '20170101',
            '2017/01/01',
            '２０１７-01-01',
            ' 2017-01-01',
            '2017-01-01\u0000',
            '+02017-01-01',
          ),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          hostileString(),
        )
        .filter((value) => !isCalendarDate(value));
    case 'orgId':
      return fc
        .oneof(
          fc.constantFrom(
            'GB',
            'GB-CHC',
            'GB-CHC-',
            'G-CHC-1',
            'GB-C-1',
            'GB CHC 1',
            'GB-CHC-1 ',
            'ＧＢ-CHC-1',
          ),
          hostileString(),
        )
        .filter((value) => !DOCUMENTED_ORG_ID.test(value));
    case 'email':
      return fc
        .oneof(fc.constantFrom('a', 'a@', '@b', 'a@b', 'a b@c.org', 'a@b..org', 'a@@b.org'), hostileString())
        .filter((value) => !isEmail(value));
    case 'text':
      return fc.oneof(
        ...(field.allowEmpty ? [] : [fc.constant('')]),
        hostileString(20).map((tail) => 'x'.repeat(field.max) + (tail || 'y')),
      );
    case 'pence':
      return wholeNumberOutside(0, undefined);
    case 'int':
      return wholeNumberOutside(field.min, field.max);
    case 'enum':
      return fc
        .oneof(
          fc
            .constantFrom(...field.values)
            .chain((value) =>
              fc.constantFrom(
                value.toUpperCase(),
                ` ${value}`,
                `${value} `,
                `${value}\u0000`,
                value.slice(1),
              ),
            ),
          hostileString(),
        )
        .filter((value) => !field.values.includes(value));
    case 'strings':
      return fc.oneof(
        fc.constant([]),
        fc.constant(Array.from({ length: field.maxItems + 1 }, (_, i) => `organisation ${i}`)),
        fc.constant(['Nesta', '']),
        fc.tuple(fc.constant('Nesta'), wrongType({ kind: 'text', max: 1 })).map((items) => [...items]),
        fc.constant(['Nesta', 'x'.repeat(field.maxLength + 1)]),
      );
    case 'bool':
    case 'object':
      return undefined;
  }
}

/** Changes a body: removes a field, or sets a value (perhaps under a key no command declares). */
export type Mutation =
  | { readonly op: 'remove'; readonly path: readonly string[] }
  | { readonly op: 'set'; readonly path: readonly string[]; readonly value: unknown };

/** Keys no request declares, the ones that upset JavaScript objects first. */
const EXTRA_KEYS = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isAdmin',
    'role',
    'actor',
    'commandId',
    'amount',
    'currency',
    '',
    ' ',
    '\u0000',
  ),
  hostileString(10),
);

function extraKey(fields: Fields, prefix: readonly string[]): fc.Arbitrary<Mutation> {
  return fc
    .tuple(
      EXTRA_KEYS.filter((key) => !Object.hasOwn(fields, key)),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ isAdmin: true })),
    )
    .map(([key, value]) => ({ op: 'set', path: [...prefix, key], value }));
}

/** One change that leaves the body broken: a field missing, of a wrong type or value, an extra key. */
function breakOf(fields: Fields, prefix: readonly string[] = []): fc.Arbitrary<Mutation> {
  const perField = Object.entries(fields).map(([name, field]) => {
    const path = [...prefix, name];
    const set = (value: unknown): Mutation => ({ op: 'set', path, value });
    const bad = badValue(field);
    return fc.oneof(
      wrongType(field).map(set),
      ...(bad ? [bad.map(set)] : []),
      ...(field.optional ? [] : [fc.constant<Mutation>({ op: 'remove', path })]),
      ...(field.kind === 'object' ? [breakOf(field.fields, path), extraKey(field.fields, path)] : []),
    );
  });
  return fc.oneof(...perField, extraKey(fields, prefix));
}

/** Text fields set to other valid text: NUL, bidi overrides, emoji... The body stays as valid as it was. */
function noiseOf(fields: Fields, prefix: readonly string[] = []): fc.Arbitrary<Mutation>[] {
  return Object.entries(fields).flatMap(([name, field]): fc.Arbitrary<Mutation>[] => {
    const path = [...prefix, name];
    if (field.kind === 'object') return noiseOf(field.fields, path);
    if (field.kind !== 'text') return [];
    const text = fc
      .string({ unit: fc.constantFrom(...NASTY_UNITS), minLength: 1, maxLength: 20 })
      .filter((value) => value.length <= field.max);
    return [text.map((value) => ({ op: 'set', path, value }))];
  });
}

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets own properties, `__proto__` included (an assignment would change the prototype instead). */
function setOwn(target: Body, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Applies mutations in order. A change under a field that an earlier change made a non-object is
 * dropped: that earlier change already broke the field. A missing parent object is created.
 */
export function applyMutations(base: Body, mutations: readonly Mutation[]): Body {
  const body = structuredClone(base);
  for (const mutation of mutations) {
    let parent: unknown = body;
    for (const key of mutation.path.slice(0, -1)) {
      if (!isRecord(parent)) break;
      if (!Object.hasOwn(parent, key) || parent[key] === undefined) setOwn(parent, key, {});
      parent = parent[key];
    }
    const last = mutation.path.at(-1) ?? '';
    if (!isRecord(parent)) continue;
    if (mutation.op === 'remove') delete parent[last];
    else setOwn(parent, last, mutation.value);
  }
  return body;
}

/**
 * A command's valid body made invalid: first some harmless noise in its text fields, then 1-3
 * breaks. The last break of a field leaves it broken, and a break is only ever undone by another,
 * so at least one field stays broken; the spec checks every body against the documented rules too.
 */
export function brokenBody(
  command: CommandBody,
  valid: Body,
): fc.Arbitrary<{ text: string; breaks: Mutation[] }> {
  const noise = noiseOf(command.fields);
  return fc
    .record({
      noise: noise.length > 0 ? fc.array(fc.oneof(...noise), { maxLength: 3 }) : fc.constant([]),
      breaks: fc.array(breakOf(command.fields), { minLength: 1, maxLength: 3 }),
    })
    .map(({ noise: harmless, breaks }) => ({
      text: jsonText(applyMutations(valid, [...harmless, ...breaks])),
      breaks,
    }));
}

/** Nesting `depth` deep, written directly (JSON.stringify itself would run out of stack). */
function nested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/**
 * Bodies of a shape no command takes: random JSON values (arrays, primitives, objects with a key no
 * request declares), any JS value through JSON, deep nesting at the top or inside a field of a valid
 * body, the same field twice with the broken one last.
 */
export function shapelessBody(command: CommandBody, valid: Body): fc.Arbitrary<string> {
  const declared = (key: string) => Object.hasOwn(command.fields, key);
  const undeclared = fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !declared(key));
  const withUndeclaredKey = (value: unknown): fc.Arbitrary<unknown> =>
    isRecord(value) && Object.keys(value).every(declared)
      ? undeclared.map((key) => Object.assign(Object.create(null) as Body, value, { [key]: 1 }))
      : fc.constant(value);
  const randomValue = fc
    .oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }))
    .map((value) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown)
    .chain(withUndeclaredKey)
    .map((value) => jsonText(value));
  const someField = fc.constantFrom(...Object.keys(command.fields));
  const deep = fc
    .tuple(
      // Shallow, and deep enough to exhaust a recursive walk (about 2,000 levels did, before the pipe bounded it).
      fc.oneof(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 1_000, max: 20_000 })),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
    )
    .chain(([depth, shape]) =>
      fc.oneof(
        fc.constant(nested(depth, shape)),
        someField.map((field) => {
          const text = jsonText(valid);
          return `${text.slice(0, -1)},"${field}x":${nested(depth, shape)}}`;
        }),
        someField.map((field) =>
          jsonText({ ...valid, [field]: '\u0001raw:DEEP' }).replace('DEEP', nested(depth, shape)),
        ),
      ),
    );
  // The valid field first, then the same key again broken: JSON.parse keeps the last.
  const duplicate = someField.chain((field) =>
    breakOf({ [field]: command.fields[field] as Field }).map((mutation) => {
      const key = mutation.path[0] ?? field;
      const broken = applyMutations(valid, [mutation]);
      // A required field removed is written again as null.
      const value = Object.hasOwn(broken, key) ? broken[key] : null;
      return `${jsonText(valid).slice(0, -1)},${JSON.stringify(key)}:${jsonText(value)}}`;
    }),
  );
  return fc.oneof(
    randomValue,
    fc.constantFrom('[]', '[{}]', '{}', '[[]]'),
    fc.constant(jsonText([valid])),
    deep,
    duplicate,
  );
}

/** Text that is not JSON at all, or a prefix of a body cut short, or bytes that are not UTF-8. */
export function notJson(valid: Body): fc.Arbitrary<string | Buffer> {
  const text = jsonText(valid);
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((value) => !parses(value)),
    fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut)),
    fc.constantFrom(
      'null',
      'true',
      '1',
      '"x"',
      '{',
      '{"a":}',
      "{'a':1}",
      '{"a":1,}',
      '{a:1}',
      '\ufeff{}',
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":undefined}',
      '{"a":0x10}',
      '{"a":01}',
      '{"a":"\\x41"}',
      '{"a":"\\ud800"}',
      '{"a":"tab\there"}',
      '/* */{}',
      '<xml/>',
      'a=1&b=2',
    ),
    fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => Buffer.concat([Buffer.from([0xff, 0xfe, 0x7b]), Buffer.from(bytes)])),
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Content types under which a JSON text is not read as the command's body (or not read at all). */
export const WRONG_CONTENT_TYPE = fc.constantFrom(
  'text/plain',
  'text/plain; charset=utf-8',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-7',
  'application/jsonx',
  'json',
  '*/*',
  'application/',
  'a/b/c;;;=',
  '',
);

// ---------------------------------------------------------------------------------------------
// Route parameters

/** What a client may put in a path segment as it is sent (percent-encoded or deliberately not). */
export function encodeSegment(value: string): string {
  // encodeURIComponent throws on a lone surrogate: send the replacement character instead.
  const wellFormed = value.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  return encodeURIComponent(wellFormed);
}

/** Path segments no entity id can be: `..`, `%00`, SQL, far too long, malformed percent-encoding. */
export const malformedSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F%2E%2E',
    '%00',
    'a%00b',
    '%',
    '%zz',
    '%E0%A4%A',
    '%ff',
    '%2F',
    '%5C',
    '%20',
    '%0d%0a',
    '__proto__',
    '-1',
    '_',
    'x'.repeat(129),
    'x'.repeat(5000),
    encodeSegment("'; DROP TABLE events;--"),
    encodeSegment("' OR '1'='1"),
    encodeSegment('%'),
  ),
  hostileString()
    .filter((value) => !DOCUMENTED_ID.test(value))
    .map(encodeSegment),
);

/** Well-formed ids of entities that do not exist (the spec keeps the real ones out). */
export const unknownId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/),
  fc.constantFrom('constructor', 'toString', 'null', 'undefined', '0', 'a..b', 'a:b:c', 'x'.repeat(128)),
);

// ---------------------------------------------------------------------------------------------
// Headers

/** Idempotency-Key and X-Correlation-Id values the documented format refuses. */
export const badHeaderKey: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      '',
      ' ',
      'a b',
      'x'.repeat(201),
      "'; DROP TABLE events;--",
      'é',
      '../',
      '%00',
      'a,b',
      '{}',
    ),
    headerString(),
  )
  .filter((value) => !DOCUMENTED_HEADER_KEY.test(trimOws(value)));

/** If-Match values that are no stream revision. */
export const badIfMatch: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      '',
      'W/',
      'W/""',
      '"',
      'W/"-2"',
      'W/"1.5"',
      'W/"1e3"',
      'W/"abc"',
      '"1" "2"',
      '1, 2',
      'W/"9999999999999999"',
      'w/"1"',
      '0x1',
      "1' OR '1'='1",
    ),
    headerString(),
  )
  .filter((value) => !DOCUMENTED_IF_MATCH.test(trimOws(value)));

/** Authorization values that authenticate nobody, some of them close to the real token. */
export function badAuthorization(token: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer null',
      'Bearer undefined',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token} extra`,
      `Token ${token}`,
      `Bearer${token}`,
      token,
      `Bearer ${"' OR '1'='1"}`,
      `Bearer ${'x'.repeat(5000)}`,
    ),
    headerString().map((value) => `Bearer ${value}`),
    headerString(),
  );
}

/** Headers besides the ones a command reads, with hostile values. */
export const strayHeader: fc.Arbitrary<[string, string]> = fc.tuple(
  fc.constantFrom(
    'X-Forwarded-For',
    'X-Forwarded-Host',
    'Forwarded',
    'Cookie',
    'Accept',
    'Accept-Language',
    'Origin',
    'Referer',
    'User-Agent',
    'X-Http-Method-Override',
    'Range',
    'If-None-Match',
    'X-Ledger-Role',
  ),
  fc.oneof(headerString(), fc.constantFrom('ledger_session=x; ledger_session=y', '../../etc/passwd', '*/*')),
);

// ---------------------------------------------------------------------------------------------
// Query strings

/** Query keys that upset objects, and plain junk. */
const HOSTILE_KEYS = [
  '__proto__',
  '__proto__[admin]',
  'constructor',
  'constructor[prototype]',
  'constructor[prototype][admin]',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a[]',
  'a[b]',
  'a[0]',
  '[]',
  '',
] as const;

/** Values a query parameter may carry, plausible and not. */
export const queryValue: fc.Arbitrary<string> = fc.oneof(
  injection,
  hostileString(30),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    '0',
    '1',
    '2',
    '-1',
    '1e300',
    '9007199254740993',
    '99999999999999999999',
    'true',
    'false',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '2017-01-01',
    '2018-09-30',
    '2017-01-01T00:00:00Z',
    '2999-01-01T00:00:00Z',
    'json',
    'html',
    'csv',
    'total',
    'month',
    'awarded',
    'abc',
    'GB-CHC-1144091',
    'https://example.org/360giving.json',
    'grant-x',
    'challenge-area',
    // Long, but five of them stay under Node's 16 KiB of request line and headers.
    'x'.repeat(2000),
  ),
);

/**
 * A query string: known and hostile keys, repeated keys, values encoded or deliberately not (a bare
 * `%`), keys without `=`.
 */
export function queryString(knownKeys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    ...(knownKeys.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...knownKeys) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
    { weight: 1, arbitrary: hostileString(8) },
  );
  const pair = fc.tuple(
    key,
    queryValue,
    fc.constantFrom('encoded', 'encoded', 'encoded', 'bare', 'no-value'),
  );
  return fc.array(pair, { minLength: 1, maxLength: 5 }).map((pairs) =>
    pairs
      .map(([name, value, how]) => {
        const k = encodeSegment(name);
        if (how === 'no-value') return k;
        // Bare: as typed into an address bar, `%` and all (spaces and controls still encoded).
        const v =
          how === 'bare' ? value.replace(/[^\x21-\x7e]/g, (c) => encodeSegment(c)) : encodeSegment(value);
        return `${k}=${v}`;
      })
      .join('&'),
  );
}
