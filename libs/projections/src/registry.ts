import type { Projection } from './projection.js';

/**
 * A projection with its table types erased, so projections over different read models fit in one
 * list. Only the runner calls `handle`, and it passes the read store's own transaction.
 */
export type AnyProjection = Projection<unknown>;

/**
 * Erases a projection's table types (see AnyProjection).
 *
 * @example
 * const projections = [anyProjection(grantRegister), anyProjection(auditTrail)];
 */
export function anyProjection<DB>(projection: Projection<DB>): AnyProjection {
  return projection as unknown as AnyProjection;
}

export interface ProjectionRegistry {
  /** In the order given. */
  readonly projections: readonly AnyProjection[];
  /** Throws when no projection has that name. */
  get(name: string): AnyProjection;
  has(name: string): boolean;
}

/**
 * The projections an app runs, checked once at start-up: a duplicate name fails at once, since two
 * projections would otherwise share one checkpoint and corrupt each other's tables; so does a
 * migration not named after its projection.
 *
 * @example
 * const registry = createProjectionRegistry([anyProjection(grantRegister), anyProjection(auditTrail)]);
 * registry.get('grant-register');
 */
export function createProjectionRegistry(projections: readonly AnyProjection[]): ProjectionRegistry {
  const byName = new Map<string, AnyProjection>();
  const migrationNames = new Set<string>();
  for (const projection of projections) {
    if (byName.has(projection.name)) {
      throw new Error(`Duplicate projection name "${projection.name}": each projection needs its own name.`);
    }
    assertOwnMigrationNames(projection, migrationNames);
    byName.set(projection.name, projection);
  }
  return {
    projections: [...projections],
    get: (name) => {
      const projection = byName.get(name);
      if (projection === undefined) throw new Error(`Unknown projection "${name}".`);
      return projection;
    },
    has: (name) => byName.has(name),
  };
}

/** All migrations share one bookkeeping table: a name used twice would silently run only once. */
function assertOwnMigrationNames(projection: AnyProjection, seen: Set<string>): void {
  const names = Object.keys(projection.migrations);
  const foreign = names.filter((name) => !name.startsWith(projection.name) || seen.has(name));
  if (foreign.length > 0) {
    throw new Error(
      `Projection "${projection.name}" has migrations not named after it or already used: ${foreign.join(', ')}.`,
    );
  }
  names.forEach((name) => seen.add(name));
}
