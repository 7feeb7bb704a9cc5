/** Deeper than any event the ledger records; a cycle would otherwise recurse until the stack ran out. */
const MAX_DEPTH = 256;
/** In a `u` expression a surrogate pair is one code point, so this finds only lone surrogates. */
const LONE_SURROGATE = /\p{Surrogate}/u;
/** Printable ASCII but `"` and `\`: such a string is its own JSON spelling between quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON values events are made of: object members
 * sorted by their UTF-16 code units, no whitespace, strings and numbers spelt as ECMAScript's
 * JSON.stringify spells them. It gives exactly the text of the `canonicalize` package (the test
 * compares them on thousands of values) in a fraction of its time, which every append and every
 * verify pays once per event.
 *
 * Refused, naming the problem: NaN and infinities, strings with a lone surrogate (no UTF-8 form),
 * bigints, functions, and nesting deeper than 256 (a cycle). As in JSON.stringify, members whose
 * value is undefined are left out, undefined in an array becomes null, and `toJSON` is honoured.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, 0);
  if (text === undefined) throw new Error(`A value of type ${typeof value} has no JSON form`);
  return text;
}

function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      if (PLAIN.test(value)) return `"${value}"`;
      if (LONE_SURROGATE.test(value)) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(value);
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'symbol':
      return undefined;
    case 'object':
      return value === null ? 'null' : writeObject(value, depth);
    default:
      throw new Error(`A ${typeof value} has no JSON form`);
  }
}

function writeObject(value: object, depth: number): string | undefined {
  if (depth >= MAX_DEPTH) throw new Error(`Nesting deeper than ${MAX_DEPTH} (a circular reference?)`);
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function')
    return write((withToJson.toJSON as () => unknown).call(value), depth + 1);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text += write(value[i] as unknown, depth + 1) ?? 'null';
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = write(record[key], depth + 1);
    if (member === undefined) continue;
    if (!first) text += ',';
    first = false;
    text += `${write(key, depth)}:${member}`;
  }
  return `${text}}`;
}
