import { UpcastError, type UpcastEvent, type Upcaster } from './upcaster.js';

/** Turns any stored (type, schemaVersion, data) into the current version of its type. */
export interface UpcasterChain {
  /** The version events of `type` are written in now; undefined for a type the chain does not know. */
  currentVersion(type: string): number | undefined;
  /**
   * The event in the current schema of its type, applying each step in order. An event already
   * current, or of a type the chain does not know, comes back as it was.
   * Throws UpcastError for a version newer than the current one or with no step leading on.
   */
  upcast(type: string, schemaVersion: number, data: unknown): UpcastEvent;
}

type Steps = ReadonlyMap<string, ReadonlyMap<number, Upcaster>>;

/**
 * Checks the upcasters against the current versions once, at start-up (a step that skips a version,
 * a duplicate, a step past the current version, or a gap between steps all fail here), and returns
 * the chain every read path uses.
 *
 * @example
 * const chain = createUpcasterChain([incomeV1toV2], { IncomeReported: 2 });
 * chain.upcast('IncomeReported', 1, { amount: 100 }); // { schemaVersion: 2, data: { attributableToProgramme: true, amount: 100 } }
 */
export function createUpcasterChain(
  upcasters: readonly Upcaster[],
  currentVersions: Readonly<Record<string, number>>,
): UpcasterChain {
  const steps = indexSteps(upcasters, currentVersions);
  const currentVersion = (type: string): number | undefined =>
    Object.hasOwn(currentVersions, type) ? currentVersions[type] : undefined;
  return {
    currentVersion,
    upcast: (type, schemaVersion, data) => {
      const current = currentVersion(type);
      if (current === undefined || schemaVersion === current) return { schemaVersion, data };
      return climb(steps.get(type), { type, schemaVersion, data }, current);
    },
  };
}

function climb(
  steps: ReadonlyMap<number, Upcaster> | undefined,
  event: { type: string; schemaVersion: number; data: unknown },
  current: number,
): UpcastEvent {
  const { type, schemaVersion } = event;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion > current || schemaVersion < 1) {
    throw new UpcastError(
      'EVENT.SCHEMA_VERSION_UNKNOWN',
      type,
      schemaVersion,
      `${type} version ${schemaVersion} is unknown to this code, which reads versions 1 to ${current}`,
    );
  }
  let data = event.data;
  for (let version = schemaVersion; version < current; version += 1) {
    const step = steps?.get(version);
    if (step === undefined) {
      throw new UpcastError(
        'EVENT.UPCASTER_MISSING',
        type,
        schemaVersion,
        `${type} version ${schemaVersion} cannot be read: no upcaster from version ${version} to ${version + 1}`,
      );
    }
    data = step.upcast(data);
  }
  return { schemaVersion: current, data };
}

function indexSteps(
  upcasters: readonly Upcaster[],
  currentVersions: Readonly<Record<string, number>>,
): Steps {
  const steps = new Map<string, Map<number, Upcaster>>();
  for (const upcaster of upcasters) {
    assertStep(upcaster, currentVersions);
    const ofType = steps.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (ofType.has(upcaster.fromVersion)) {
      throw new Error(`Two upcasters of ${upcaster.type} start from version ${upcaster.fromVersion}`);
    }
    steps.set(upcaster.type, ofType.set(upcaster.fromVersion, upcaster));
  }
  steps.forEach((ofType, type) => assertNoGap(type, ofType, currentVersions[type] ?? 0));
  return steps;
}

function assertStep(upcaster: Upcaster, currentVersions: Readonly<Record<string, number>>): void {
  const { type, fromVersion, toVersion } = upcaster;
  const current = Object.hasOwn(currentVersions, type) ? currentVersions[type] : undefined;
  const where = `Upcaster of ${type} from version ${fromVersion} to ${toVersion}`;
  if (current === undefined) throw new Error(`${where}: ${type} has no current version`);
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1 || toVersion !== fromVersion + 1) {
    throw new Error(`${where}: a step goes from one version (1 or more) to the next`);
  }
  if (toVersion > current) throw new Error(`${where}: goes past the current version ${current}`);
}

/** Steps must run unbroken up to the current version; a gap would only show when an old event is read. */
function assertNoGap(type: string, ofType: ReadonlyMap<number, Upcaster>, current: number): void {
  const lowest = Math.min(...ofType.keys());
  for (let version = lowest; version < current; version += 1) {
    if (!ofType.has(version)) {
      throw new Error(`Upcasters of ${type} stop at version ${version}: none leads on to ${version + 1}`);
    }
  }
}
