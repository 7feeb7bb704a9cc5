import { isDomainError } from '@ledger/ledger-domain';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
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
import type { PersonalKeyStore } from './personal-key-store.js';

/** An append's events with their personal fields encrypted, or the first result of a command seen before. */
type Encrypted = { readonly events: readonly NewEvent[] } | { readonly replayed: AppendResult };

export interface PersonalDataEventStoreOptions {
  /** Which fields of which event types are personal data: the domain's registry by default. */
  readonly fields?: PersonalFields;
  /** Whether `close()` closes the key store too (true when the store was opened for this wrapper alone). */
  readonly closesKeys?: boolean;
}

/**
 * An event store that keeps personal data encrypted at rest, one key per person (SPEC §6, crypto-
 * shredding). On append each personal field (PERSONAL_DATA_FIELDS) is encrypted with its person's key,
 * made durably first; data of a forgotten person is refused (409 `PERSON.ERASED`). Every read path
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

  async appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const encrypted = await this.encrypt(events, options);
    if ('replayed' in encrypted) return encrypted.replayed;
    return this.inner.appendToStream(stream, expectedRevision, encrypted.events, options);
  }

  async appendMultiple(writes: readonly StreamWrite[], options?: AppendOptions): Promise<AppendResult> {
    const encrypted = await this.encrypt(
      writes.flatMap((write) => write.events),
      options,
    );
    if ('replayed' in encrypted) return encrypted.replayed;
    const queue = [...encrypted.events];
    const encryptedWrites = writes.map((write) => ({
      ...write,
      events: queue.splice(0, write.events.length),
    }));
    return this.inner.appendMultiple(encryptedWrites, options);
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

  /** Closes the store underneath, and the key store when this wrapper owns it. */
  async close(): Promise<void> {
    await this.inner.close();
    if (this.options.closesKeys === true) await this.keys.close();
  }

  /**
   * The events with their personal fields encrypted, each person's key made first. When a person was
   * forgotten, an append whose command was already recorded answers with that first result (a retry
   * changes nothing); any other is refused with `PERSON.ERASED`.
   */
  private async encrypt(events: readonly NewEvent[], options: AppendOptions | undefined): Promise<Encrypted> {
    const personIds = personIdsToEncrypt(this.fields, events);
    if (personIds.length === 0) return { events };
    let keys: ReadonlyMap<string, Buffer>;
    try {
      keys = await this.keys.createKeys(personIds);
    } catch (error) {
      const replayed = await this.earlierResult(error, options);
      if (replayed === undefined) throw error;
      return { replayed };
    }
    return { events: events.map((event) => encryptEvent(this.fields, event, keys)) };
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
