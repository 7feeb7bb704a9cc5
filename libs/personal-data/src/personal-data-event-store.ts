import { randomUUID } from 'node:crypto';
import { isDomainError } from '@ledger/ledger-domain';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  EventStoreUnavailableError,
  type EventSubscription,
  type ExpectedRevision,
  MappedSubscription,
  type MappedBatch,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamWrite,
  type SubscribeOptions,
} from '@ledger/event-store';
import {
  LEDGER_PERSONAL_FIELDS,
  type PersonalFields,
  personIdsToEncrypt,
  decryptBatch,
  decryptEvent,
  encryptedPersonIds,
  encryptEvent,
} from './personal-fields.js';
import { type KeyClaimsReconciled, peopleWritten, reconcileKeyClaims } from './key-claims.js';
import type { KeyClaim, PersonalKeyStore } from './personal-key-store.js';

export interface PersonalDataEventStoreOptions {
  /** Which fields of which event types are personal data: the domain's registry by default. */
  readonly fields?: PersonalFields;
  /** Whether `close()` closes the key store too (true when the store was opened for this wrapper alone). */
  readonly closesKeys?: boolean;
}

/**
 * An event store that keeps personal data encrypted at rest, one key per person (SPEC §6, crypto-
 * shredding). On append each personal field (PERSONAL_DATA_FIELDS) is encrypted with its person's key,
 * claimed durably first and kept only once an event that uses it is committed (ADR 0020); data of a
 * forgotten person is refused (409 `PERSON.ERASED`). Every read path
 * (readStream, readAll, subscribe) opens the fields again, or gives `{ personId, erased: true }` once
 * the key is destroyed. Keys are looked up on every read, never cached, so a forget done by another
 * process takes effect at once.
 *
 * The store underneath hashes and keeps what it is given, the encrypted form: each event's `hash`
 * covers the ciphertext, so the chain still verifies after a key is destroyed. Tools that verify or
 * copy the log read the store underneath (`openRawEventStore`).
 *
 * @example
 * const events = new UpcastingEventStore(new PersonalDataEventStore(raw, keys), LEDGER_UPCASTER_CHAIN);
 */
export class PersonalDataEventStore implements EventStore {
  private readonly fields: PersonalFields;

  constructor(
    private readonly inner: EventStore,
    private readonly keys: PersonalKeyStore,
    private readonly options: PersonalDataEventStoreOptions = {},
  ) {
    this.fields = options.fields ?? LEDGER_PERSONAL_FIELDS;
  }

  appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.appendWithKeys([{ stream, expectedRevision, events }], options, ([write]) =>
      this.inner.appendToStream(stream, expectedRevision, write?.events ?? [], options),
    );
  }

  appendMultiple(writes: readonly StreamWrite[], options?: AppendOptions): Promise<AppendResult> {
    return this.appendWithKeys(writes, options, (encrypted) => this.inner.appendMultiple(encrypted, options));
  }

  findCommandResult(commandId: string, fingerprint?: string): Promise<AppendResult | undefined> {
    return this.inner.findCommandResult(commandId, fingerprint);
  }

  async readStream(
    stream: string,
    options?: { fromRevision?: number; maxCount?: number },
  ): Promise<ReadStreamResult> {
    const result = await this.inner.readStream(stream, options);
    return { revision: result.revision, events: await this.decryptAll(result.events) };
  }

  async readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.decryptAll(await this.inner.readAll(options));
  }

  subscribe(options?: SubscribeOptions): EventSubscription {
    return new MappedSubscription(this.inner.subscribe(options), (batch) => this.decryptedBatch(batch));
  }

  headPosition(): Promise<Position | undefined> {
    return this.inner.headPosition();
  }

  comparePositions(a: Position, b: Position): number {
    return this.inner.comparePositions(a, b);
  }

  parsePosition(text: string): Position | undefined {
    return this.inner.parsePosition(text);
  }

  /**
   * Settles the key claims appends left behind (a crash between a key and its event), from the log
   * underneath: see `reconcileKeyClaims`. Run when a process opens the stores, and now and then.
   */
  reconcileKeyClaims(options: { olderThanMs?: number } = {}): Promise<KeyClaimsReconciled> {
    return reconcileKeyClaims(this.keys, this.inner, { ...options, fields: this.fields });
  }

  /** Closes the store underneath, and the key store when this wrapper owns it. */
  async close(): Promise<void> {
    await this.inner.close();
    if (this.options.closesKeys === true) await this.keys.close();
  }

  /**
   * Appends with each personal field encrypted under its person's key (ADR 0020): the keys are
   * claimed first (made when new), and the claim is settled once the append is over, keeping the
   * keys the log now uses and deleting the others, so a refused or failed append leaves no key.
   * When a person was forgotten, an append whose command was already recorded answers with that
   * first result (a retry changes nothing); any other is refused with `PERSON.ERASED`.
   */
  private async appendWithKeys(
    writes: readonly StreamWrite[],
    options: AppendOptions | undefined,
    append: (encrypted: readonly StreamWrite[]) => Promise<AppendResult>,
  ): Promise<AppendResult> {
    const claim = this.claimFor(writes);
    if (claim === undefined) return append(writes);
    let keys: ReadonlyMap<string, Buffer>;
    try {
      keys = await this.keys.claimKeys(claim);
    } catch (error) {
      const replayed = await this.earlierResult(error, options);
      if (replayed === undefined) throw error;
      return replayed;
    }
    let result: AppendResult;
    try {
      result = await append(writes.map((write) => this.encryptWrite(write, keys)));
    } catch (error) {
      // An unreachable store may still write the append after answering: the claim is left to a
      // reconciliation, which waits long enough for that to be settled either way.
      if (!(error instanceof EventStoreUnavailableError)) await this.settleFromLog(claim, keys);
      throw error;
    }
    // A replay wrote nothing now, so the log decides, as after a failure.
    if (result.replayed) await this.settleFromLog(claim, keys);
    else await this.settle(claim, keys);
    return result;
  }

  /** The claim for the people whose data these writes hold in clear, with their streams; none without. */
  private claimFor(writes: readonly StreamWrite[]): KeyClaim | undefined {
    const personIds = new Set<string>();
    const streams = new Set<string>();
    for (const write of writes) {
      const ids = personIdsToEncrypt(this.fields, write.events);
      if (ids.length > 0) streams.add(write.stream);
      for (const id of ids) personIds.add(id);
    }
    if (personIds.size === 0) return undefined;
    return { claimId: randomUUID(), personIds: [...personIds], streams: [...streams] };
  }

  private encryptWrite(write: StreamWrite, keys: ReadonlyMap<string, Buffer>): StreamWrite {
    return { ...write, events: write.events.map((event) => encryptEvent(this.fields, event, keys)) };
  }

  /** Settles a claim whose append is over by what the log holds: the people written keep their key. */
  private async settleFromLog(claim: KeyClaim, keys: ReadonlyMap<string, Buffer>): Promise<void> {
    let written: Set<string>;
    try {
      written = await peopleWritten(this.inner, claim, this.fields);
    } catch {
      return; // The claim stays: a reconciliation reads the log again later.
    }
    await this.settle(claim, new Map([...keys].filter(([id]) => written.has(id))));
  }

  /**
   * A key store that fails here leaves the claim to a reconciliation rather than failing the append:
   * the append's outcome is already decided, and the key is still there for its events.
   */
  private async settle(claim: KeyClaim, written: ReadonlyMap<string, Buffer>): Promise<void> {
    await this.keys.settleClaim(claim.claimId, written).catch(() => undefined);
  }

  /** The first result of this append's command, when it failed only because its person is erased since. */
  private async earlierResult(
    error: unknown,
    options: AppendOptions | undefined,
  ): Promise<AppendResult | undefined> {
    if (!isDomainError(error) || error.code !== 'PERSON.ERASED' || options?.commandId === undefined) {
      return undefined;
    }
    return this.inner.findCommandResult(options.commandId, options.fingerprint);
  }

  private async decryptAll(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    const personIds = encryptedPersonIds(this.fields, events);
    if (personIds.length === 0) return events;
    const keys = await this.keys.getKeys(personIds);
    return events.map((event) => decryptEvent(this.fields, event, keys));
  }

  /** A subscription's batch decrypted up to the first event that cannot be, keys looked up once. */
  private async decryptedBatch(batch: readonly RecordedEvent[]): Promise<MappedBatch> {
    const personIds = encryptedPersonIds(this.fields, batch);
    const keys = personIds.length === 0 ? new Map() : await this.keys.getKeys(personIds);
    return decryptBatch(this.fields, batch, keys);
  }
}
