import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { EVENT_TYPES, parseStreamName, PERSONAL_DATA_FIELDS } from '@ledger/ledger-domain';
import { canonicalJson, fnv1a, gateOf, Problems, type ReadModelGate } from './gate-figures.js';

const READ_MODEL = 'audit-trail';
const RECORDED_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * What each correction corrects: the latest earlier event of these types in its own stream (a second
 * amount correction corrects the first).
 */
const CORRECTS: Readonly<Record<string, readonly string[]>> = {
  GrantAmountCorrected: ['GrantAwarded', 'GrantAmountCorrected'],
  GrantRevoked: ['GrantAwarded'],
  GrantAwardVoided: ['GrantAwarded'],
  IntroductionVoided: ['IntroductionMade'],
  PartnershipVoided: ['PartnershipConfirmed'],
};
const CORRECTED_TYPES = new Set(Object.values(CORRECTS).flat());

/** An int32 column that grows: a few bytes per event, so a million events fit in a few megabytes. */
class Int32Column {
  private values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  at(index: number): number {
    return this.values[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }
}

/** Names stored once, each event keeping its name's number. */
class Names {
  private readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      number = this.list.length;
      this.list.push(name);
      this.numbers.set(name, number);
    }
    return number;
  }

  name(number: number): string {
    return this.list[number] ?? '?';
  }
}

interface AuditEnvelope {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly occurredAt: string;
}

interface Metadata {
  readonly actor?: { readonly id?: string; readonly role?: string };
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly source?: string;
  readonly reason?: string;
}

/** One row's figures as compared: envelope fields whole or as digests, as the expected side keeps them. */
interface AuditFigures {
  readonly seq: number;
  readonly position: number;
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly envelope: number;
  readonly data: number;
  readonly corrects: number;
}

/** The rest of the envelope, as one text: what the row flattens for auditors to filter on. */
function envelopeText(stream: string, occurredAt: string, schemaVersion: number | null, m: Metadata): string {
  const entity = parseStreamName(stream);
  return JSON.stringify([
    ...[entity?.category ?? null, entity?.id ?? null, occurredAt, schemaVersion],
    ...[m.actor?.id ?? null, m.actor?.role ?? null, m.commandId ?? null, m.correlationId ?? null],
    ...[m.causationId ?? null, m.source ?? null, m.reason ?? null],
  ]);
}

const lineOf = (f: AuditFigures): string =>
  `${[f.seq, f.position, f.type, f.stream, f.revision, f.envelope, f.data, f.corrects].join('|')}\n`;

/** Personal data as the log reads once the person was forgotten: their id alone. */
function erased(type: string, data: unknown, personId: string): unknown {
  const record = data as Record<string, unknown>;
  const fields = (PERSONAL_DATA_FIELDS[type] ?? []).filter(
    (field) => (record[field] as { personId?: unknown } | undefined)?.personId === personId,
  );
  return { ...record, ...Object.fromEntries(fields.map((field) => [field, { personId, erased: true }])) };
}

/**
 * The audit trail the log must give: one row per event of the ledger's types (not seals), numbered in
 * arrival order (`seq`), at the position the store gave it (1, 2, ... in append order), with its
 * stream, type and revision, the rest of its envelope (category, entity id, occurred_at,
 * schema_version, actor, command/correlation/causation ids, source, reason) and its data (with a
 * forgotten person's data erased) as digests, and the position of the event a correction corrects.
 * Not covered: event_id and recorded_at (the store's), the metadata JSON (flattened into the columns).
 */
export class ExpectedAuditTrail {
  private readonly types = new Names();
  private readonly streams = new Names();
  /** By position - 1: the row's seq (0 when the event is not recorded), and its figures. */
  private readonly seq = new Int32Column();
  private readonly type = new Int32Column();
  private readonly stream = new Int32Column();
  private readonly revision = new Int32Column();
  private readonly envelope = new Int32Column();
  private readonly data = new Int32Column();
  private readonly corrects = new Int32Column();
  private readonly revisions = new Map<string, number>();
  /** Per stream and corrected type, the position of its latest event. */
  private readonly correctable = new Map<string, number>();
  /** Events holding someone's personal data, by person: what erasing them rewrites. */
  private readonly personal = new Map<string, { position: number; type: string; data: unknown }[]>();
  private recorded = 0;

  constructor(private readonly firstPosition = 1) {}

  get rows(): number {
    return this.recorded;
  }

  add(stream: string, event: AuditEnvelope, schemaVersion: number | undefined): number {
    const position = this.firstPosition + this.seq.length;
    const revision = this.revisions.get(stream) ?? 0;
    this.revisions.set(stream, revision + 1);
    const isRecorded = RECORDED_TYPES.has(event.type);
    this.recorded += isRecorded ? 1 : 0;
    this.seq.push(isRecorded ? this.recorded : 0);
    this.type.push(this.types.numberOf(event.type));
    this.stream.push(this.streams.numberOf(stream));
    this.revision.push(revision);
    this.envelope.push(
      fnv1a(envelopeText(stream, event.occurredAt, schemaVersion ?? null, event.metadata as Metadata)),
    );
    this.data.push(fnv1a(canonicalJson(event.data)));
    const targets = CORRECTS[event.type] ?? [];
    this.corrects.push(Math.max(0, ...targets.map((type) => this.correctable.get(`${stream} ${type}`) ?? 0)));
    if (CORRECTED_TYPES.has(event.type)) this.correctable.set(`${stream} ${event.type}`, position);
    this.notePersonalData(position, event);
    return position;
  }

  private notePersonalData(position: number, { type, data }: AuditEnvelope): void {
    if (type === 'PersonalDataErased') {
      const { personId } = data as { personId: string };
      for (const held of this.personal.get(personId) ?? [])
        this.data.set(
          held.position - this.firstPosition,
          fnv1a(canonicalJson(erased(held.type, held.data, personId))),
        );
      this.personal.delete(personId);
      return;
    }
    for (const field of PERSONAL_DATA_FIELDS[type] ?? []) {
      const personId = ((data as Record<string, unknown>)[field] as { personId?: unknown } | undefined)
        ?.personId;
      if (typeof personId !== 'string') continue;
      this.personal.set(personId, [...(this.personal.get(personId) ?? []), { position, type, data }]);
    }
  }

  figuresAt(position: number): AuditFigures | undefined {
    const index = position - this.firstPosition;
    if (!Number.isSafeInteger(position) || index < 0 || index >= this.seq.length || this.seq.at(index) === 0)
      return undefined;
    return {
      seq: this.seq.at(index),
      position,
      type: this.types.name(this.type.at(index)),
      stream: this.streams.name(this.stream.at(index)),
      revision: this.revision.at(index),
      envelope: this.envelope.at(index),
      data: this.data.at(index),
      corrects: this.corrects.at(index),
    };
  }

  *positions(): Generator<number> {
    for (let index = 0; index < this.seq.length; index += 1)
      if (this.seq.at(index) !== 0) yield this.firstPosition + index;
  }

  checksum(): string {
    const hash = createHash('sha256');
    for (const position of this.positions()) {
      const figures = this.figuresAt(position);
      if (figures !== undefined) hash.update(lineOf(figures));
    }
    return hash.digest('hex');
  }
}

interface AuditRow {
  seq: number;
  position: string;
  stream: string;
  type: string;
  stream_revision: number;
  occurred_at: string;
  schema_version: number;
  actor_id: string;
  actor_role: string;
  command_id: string;
  correlation_id: string;
  causation_id: string;
  source: string;
  reason: string | null;
  data: string;
  corrects_position: string | null;
}

const AUDIT_QUERY = `
  SELECT e.seq, e.position, e.stream, e.type, e.stream_revision, e.occurred_at, e.schema_version,
         e.actor_id, e.actor_role, e.command_id, e.correlation_id, e.causation_id, e.source, e.reason,
         e.data, t.position AS corrects_position
  FROM audit_events e LEFT JOIN audit_events t ON t.event_id = e.corrects_event_id
  ORDER BY e.seq`;

function figuresOfRow(row: AuditRow): AuditFigures {
  const metadata: Metadata = {
    actor: { id: row.actor_id, role: row.actor_role },
    ...{ commandId: row.command_id, correlationId: row.correlation_id, causationId: row.causation_id },
    source: row.source,
    ...(row.reason === null ? {} : { reason: row.reason }),
  };
  let data: string;
  try {
    data = canonicalJson(JSON.parse(row.data));
  } catch {
    data = row.data;
  }
  return {
    seq: Number(row.seq),
    position: Number(row.position),
    type: row.type,
    stream: row.stream,
    revision: Number(row.stream_revision),
    envelope: fnv1a(envelopeText(row.stream, row.occurred_at, Number(row.schema_version), metadata)),
    data: fnv1a(data),
    corrects: row.corrects_position === null ? 0 : Number(row.corrects_position),
  };
}

const describe = (f: AuditFigures): string => `event at position ${f.position} (${f.type} on ${f.stream})`;

function compareRow(want: AuditFigures, found: AuditFigures, all: Problems): void {
  const event = describe(want);
  const problems = { add: (problem: string) => all.add(problem, want.position) };
  if (found.seq !== want.seq) problems.add(`${event} has seq ${found.seq}, expected ${want.seq}`);
  if (found.type !== want.type || found.stream !== want.stream)
    problems.add(`${event} is recorded as ${found.type} on ${found.stream}`);
  if (found.revision !== want.revision)
    problems.add(`${event} stream_revision expected ${want.revision}, found ${found.revision}`);
  if (found.envelope !== want.envelope)
    problems.add(
      `${event}: its time, schema version, actor, command ids, source or reason differ from the log`,
    );
  if (found.data !== want.data) problems.add(`${event}: its data differs from the log`);
  if (found.corrects !== want.corrects)
    problems.add(
      `${event} corrects the event at position ${found.corrects || 'none'}, expected ${want.corrects || 'none'}`,
    );
}

/** Reads audit_events in seq order, row by row, and compares each with the event at its position. */
export function checkAuditTrail(db: Database, expected: ExpectedAuditTrail): ReadModelGate {
  const problems = new Problems(READ_MODEL);
  const hash = createHash('sha256');
  const seen = new Set<number>();
  let rows = 0;
  for (const row of db.prepare(AUDIT_QUERY).iterate() as IterableIterator<AuditRow>) {
    rows += 1;
    const found = figuresOfRow(row);
    hash.update(lineOf(found));
    const want = expected.figuresAt(found.position);
    // Problems are named in position order (NaN, a position that is no number, sorts as 0: first).
    const order = found.position || 0;
    if (want === undefined)
      problems.add(
        `row seq ${found.seq} (${found.type} on ${found.stream}) at position ${row.position} is no event of the log`,
        order,
      );
    else if (seen.has(found.position))
      problems.add(`${describe(want)} has a second row (seq ${found.seq})`, order);
    else compareRow(want, found, problems);
    seen.add(found.position);
  }
  for (const position of expected.positions()) {
    const want = expected.figuresAt(position);
    if (!seen.has(position) && want !== undefined) problems.add(`${describe(want)} has no row`, position);
  }
  if (rows !== expected.rows) problems.add(`${rows} rows, expected ${expected.rows}`, -1);
  return gateOf(READ_MODEL, expected.checksum(), hash.digest('hex'), problems);
}
