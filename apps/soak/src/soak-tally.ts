import { idempotencyKeyOf } from '@ledger/ledger-application';
import type { Answer } from './soak-http.js';
import {
  CONFLICT_KINDS,
  type CommandOutcome,
  type ConflictKind,
  type Intent,
  RACES,
  REFUSALS,
  type SoakCommand,
  VALID_KINDS,
  type ValidKind,
} from './soak-workload.js';

/** A 2xx answer: the command's key (its id in the ledger) and where the ledger said it wrote. */
export interface Acknowledged {
  readonly key: string;
  readonly kind: ValidKind;
  readonly outcome: CommandOutcome;
  readonly setup: boolean;
}

/** Counts of something, and the first few examples of it. */
export class Examples {
  count = 0;
  readonly examples: string[] = [];

  constructor(private readonly keep = 5) {}

  add(example: string): void {
    this.count += 1;
    if (this.examples.length < this.keep) this.examples.push(example);
  }

  /** Adds another's count and as many of its examples as there is room for. */
  merge(other: Examples): this {
    this.count += other.count;
    this.examples.push(...other.examples.slice(0, Math.max(0, this.keep - this.examples.length)));
    return this;
  }
}

export interface IntentFigures {
  sent: number;
  acknowledged: number;
  /** Refused with the status and code the command must get (a conflict) or may get (a race). */
  refusedAsExpected: number;
}

const increment = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function problemCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}

function parseOutcome(body: string): CommandOutcome | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<CommandOutcome>;
    const ok =
      typeof parsed.commandId === 'string' &&
      typeof parsed.stream === 'string' &&
      typeof parsed.revision === 'number' &&
      typeof parsed.position === 'string' &&
      Array.isArray(parsed.eventIds) &&
      typeof parsed.replayed === 'boolean';
    return ok ? (parsed as CommandOutcome) : undefined;
  } catch {
    return undefined;
  }
}

const sameOutcome = (a: CommandOutcome, b: CommandOutcome): boolean =>
  a.commandId === b.commandId &&
  a.stream === b.stream &&
  a.revision === b.revision &&
  a.position === b.position &&
  a.eventIds.length === b.eventIds.length &&
  a.eventIds.every((id, i) => id === b.eventIds[i]);

/**
 * Everything the clients were told, for the figures and the checks: each 2xx with its key and
 * outcome, each refused key, statuses and codes, answers no command should get, retries with the
 * same key, and what became of requests a kill cut off.
 */
export class SoakTally {
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Keys of commands refused (their own keys: never another command's). */
  readonly refusedKeys = new Set<string>();
  readonly statuses = new Map<number, number>();
  readonly codes = new Map<string, number>();
  readonly intents = new Map<Intent, IntentFigures>(
    (['valid', ...CONFLICT_KINDS] as Intent[]).map((intent) => [
      intent,
      { sent: 0, acknowledged: 0, refusedAsExpected: 0 },
    ]),
  );
  readonly kinds = new Map<ValidKind, IntentFigures>(
    VALID_KINDS.map((kind) => [kind, { sent: 0, acknowledged: 0, refusedAsExpected: 0 }]),
  );
  /** Answers a command could not rightly get: a conflict recorded or refused otherwise, a valid command refused for no race, any 5xx. */
  readonly unexpected = new Examples();
  readonly serverErrors = new Examples();
  /** Latencies (ms) of the answered requests of the load: commands and retries. */
  readonly latencies: number[] = [];
  /** Latencies (ms) of the load's commands, by what they do. */
  readonly latenciesByKind = new Map<ValidKind, number[]>(VALID_KINDS.map((kind) => [kind, []]));
  commands = 0;
  requests = 0;
  /** Valid commands refused because a racing command got there first, by kind. */
  readonly races = new Map<ValidKind, number>();
  /** Valid awards refused because racing awards had spent the budget first. */
  budgetRaces = 0;
  /** Commands with at least one attempt cut off (unknown outcome), resent with the same key. */
  readonly cutOff = { commands: 0, attempts: 0, foundRecorded: 0, decidedAfterRestart: 0 };
  /** Retries with the same key after a 2xx: must answer the first result, marked replayed. */
  readonly replays = { sent: 0, identical: 0, mismatched: new Examples() };

  /** Records a command's answer; the outcome when the ledger recorded it. */
  record(command: SoakCommand, answer: Answer, setup = false): CommandOutcome | undefined {
    const { kind, intent, request } = command;
    this.count(answer, !setup);
    this.commands += setup ? 0 : 1;
    if (!setup) this.latenciesByKind.get(kind)?.push(answer.ms);
    const figures = setup ? {} : { intent: this.intents.get(intent), kind: this.kinds.get(kind) };
    if (figures.intent) figures.intent.sent += 1;
    if (figures.kind) figures.kind.sent += 1;
    const outcome = answer.status >= 200 && answer.status < 300 ? parseOutcome(answer.body) : undefined;
    const code = problemCode(answer.body);
    if (answer.cutOff > 0) {
      this.cutOff.commands += 1;
      this.cutOff.attempts += answer.cutOff;
      if (outcome?.replayed === true) this.cutOff.foundRecorded += 1;
      else this.cutOff.decidedAfterRestart += 1;
    }
    const what = `${intent} ${kind} ${request.path} (key ${request.key})`;
    if (answer.status >= 200 && answer.status < 300) {
      if (outcome === undefined) {
        this.unexpected.add(
          `${what}: ${answer.status} without a command outcome: ${answer.body.slice(0, 200)}`,
        );
        return undefined;
      }
      if (intent !== 'valid') this.unexpected.add(`${what}: recorded (${answer.status}), must be refused`);
      if (idempotencyKeyOf(outcome.commandId) !== request.key)
        this.unexpected.add(`${what}: answered commandId ${outcome.commandId}`);
      if (figures.intent) figures.intent.acknowledged += 1;
      if (figures.kind) figures.kind.acknowledged += 1;
      if (!command.borrowedKey)
        this.acknowledged.set(request.key, { key: request.key, kind, outcome, setup });
      command.answered?.(outcome, undefined);
      return outcome;
    }
    if (!command.borrowedKey) this.refusedKeys.add(request.key);
    const expected = intent === 'valid' ? RACES[kind] : REFUSALS[intent];
    const asExpected = expected?.status === answer.status && expected.code.test(code ?? '');
    if (asExpected) {
      if (figures.intent) figures.intent.refusedAsExpected += 1;
      if (figures.kind) figures.kind.refusedAsExpected += 1;
      if (intent === 'valid') increment(this.races, kind);
      if (intent === 'valid' && kind === 'award') this.budgetRaces += 1;
    } else {
      this.unexpected.add(`${what}: ${answer.status} ${code ?? answer.body.slice(0, 200)}`);
    }
    command.answered?.(undefined, code);
    return undefined;
  }

  /** Records the answer to a retry, with the same key and body, of a command answered `first`. */
  recordReplay(command: SoakCommand, first: CommandOutcome, answer: Answer): void {
    this.count(answer, true);
    this.replays.sent += 1;
    const again = answer.status === 201 ? parseOutcome(answer.body) : undefined;
    if (again !== undefined && again.replayed && sameOutcome(first, again)) {
      this.replays.identical += 1;
      return;
    }
    this.replays.mismatched.add(
      `${command.request.path} (key ${command.request.key}): first ${JSON.stringify(first)}, retry ${answer.status} ${answer.body.slice(0, 300)}`,
    );
  }

  /** The set-up's and the load's acknowledged events. */
  events(setup: boolean): number {
    let events = 0;
    for (const ack of this.acknowledged.values())
      if (ack.setup === setup) events += ack.outcome.eventIds.length;
    return events;
  }

  conflictsRefused(): Record<ConflictKind, number> {
    return Object.fromEntries(
      CONFLICT_KINDS.map((kind) => [kind, this.intents.get(kind)?.refusedAsExpected ?? 0]),
    ) as Record<ConflictKind, number>;
  }

  /** Counts an answer of the load (the set-up's are not figures). */
  private count(answer: Answer, load: boolean): void {
    if (!load) return;
    this.requests += answer.attempts;
    increment(this.statuses, answer.status);
    const code = answer.status >= 400 ? problemCode(answer.body) : undefined;
    if (code !== undefined) increment(this.codes, code);
    if (answer.status >= 500) this.serverErrors.add(`${answer.status} ${answer.body.slice(0, 300)}`);
    this.latencies.push(answer.ms);
  }
}
