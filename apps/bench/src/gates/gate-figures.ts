import { createHash } from 'node:crypto';

/** The verdict on one read model: its figures as the log says and as the read store holds them. */
export interface ReadModelGate {
  readonly readModel: string;
  readonly ok: boolean;
  /** sha256 (hex) of the canonical text of the figures computed from the events. */
  readonly expected: string;
  /** sha256 (hex) of the canonical text of the same figures read from the read store. */
  readonly actual: string;
  /** The first differences, in words; empty when ok. */
  readonly problems: readonly string[];
}

/** How many differences a gate names before it only counts the rest. */
export const MAX_PROBLEMS = 10;

export type FigureValue = string | number | null;
/** One keyed row of figures, e.g. `grant p3-g17` → { amount_paid: 400000, ... }. */
export type FigureRow = Readonly<Record<string, FigureValue>>;
/** Rows by key; the key names the entity in problems ("grant p3-g17"). */
export type FigureTable = ReadonlyMap<string, FigureRow>;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * JSON with object keys sorted at every level: two values that mean the same read the same, whatever
 * order a writer put their keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Readonly<Record<string, unknown>>;
  const entries = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${entries.join(',')}}`;
}

/** JSON text read back from a column, canonical; the text itself when it does not parse. */
export function canonicalJsonText(text: string | null): string | null {
  if (text === null) return null;
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

/** FNV-1a, 32 bits, over UTF-16 code units: a cheap per-row digest, kept as a signed int32. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const lineOf = (key: string, row: FigureRow | undefined, columns: readonly string[]): string =>
  [key, ...columns.map((column) => `${column}=${JSON.stringify(row?.[column] ?? null)}`)].join('|');

/** The canonical text of a table: one line per key, in key order, every column in the order given. */
export function tableChecksum(table: FigureTable, columns: readonly string[]): string {
  const keys = [...table.keys()].sort(byText);
  return sha256(keys.map((key) => `${lineOf(key, table.get(key), columns)}\n`).join(''));
}

const shown = (value: FigureValue | undefined): string =>
  value === null || value === undefined ? 'null' : typeof value === 'number' ? String(value) : value;

/**
 * Collects problems, naming the first MAX_PROBLEMS by their order (the order added, unless given) and
 * counting the rest.
 */
export class Problems {
  private named: { readonly order: number; readonly text: string }[] = [];
  private more = 0;
  private added = 0;

  constructor(private readonly readModel: string) {}

  add(problem: string, order = this.added): void {
    this.added += 1;
    this.named.push({ order, text: `${this.readModel}: ${problem}` });
    if (this.named.length <= MAX_PROBLEMS) return;
    this.named.sort((a, b) => a.order - b.order);
    this.named = this.named.slice(0, MAX_PROBLEMS);
    this.more += 1;
  }

  get count(): number {
    return this.named.length + this.more;
  }

  list(): string[] {
    const named = [...this.named].sort((a, b) => a.order - b.order).map(({ text }) => text);
    return this.more === 0 ? named : [...named, `${this.readModel}: and ${this.more} more`];
  }
}

/**
 * Compares expected and actual tables key by key and column by column, e.g.
 * "grant p3-g17 amount_paid expected 400000, found 300000".
 */
export function compareTables(
  readModel: string,
  columns: readonly string[],
  expected: FigureTable,
  actual: FigureTable,
): ReadModelGate {
  const problems = new Problems(readModel);
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort(byText);
  for (const key of keys) {
    const want = expected.get(key);
    const found = actual.get(key);
    if (want === undefined) problems.add(`${key} is not in the log, but has a row`);
    else if (found === undefined) problems.add(`${key} has no row`);
    else
      for (const column of columns) {
        const [a, b] = [want[column] ?? null, found[column] ?? null];
        if (a !== b) problems.add(`${key} ${column} expected ${shown(a)}, found ${shown(b)}`);
      }
  }
  return gateOf(readModel, tableChecksum(expected, columns), tableChecksum(actual, columns), problems);
}

export function gateOf(
  readModel: string,
  expected: string,
  actual: string,
  problems: Problems,
): ReadModelGate {
  const list = problems.list();
  // Equal checksums with a problem named, or the reverse, would be a bug here: either fails the gate.
  return { readModel, ok: expected === actual && list.length === 0, expected, actual, problems: list };
}

/** A read model whose tables could not be read at all (missing, or not a read store). */
export function unreadableGate(readModel: string, expected: string, error: unknown): ReadModelGate {
  const message = error instanceof Error ? error.message : String(error);
  return {
    readModel,
    ok: false,
    expected,
    actual: sha256(`unreadable: ${message}`),
    problems: [`${readModel}: its tables could not be read (${message})`],
  };
}
