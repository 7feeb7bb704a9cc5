import { streamNameFilter, type PrefixesFilter } from '@eventstore/db-client';

/**
 * Idempotency records live in one stream per command id, in a category no reader of the ledger
 * sees: `readAll`, `headPosition` and `subscribe` only return streams of the store's categories.
 */
export const COMMAND_STREAM_CATEGORY = 'ledger_command';

const CATEGORY = /^[A-Za-z0-9_]+$/;

export function commandStream(commandId: string): string {
  return `${COMMAND_STREAM_CATEGORY}-${commandId}`;
}

/** The categories as given, refused when one could not name streams `<category>-<id>` of the ledger. */
export function validateCategories(categories: readonly string[]): readonly string[] {
  if (categories.length === 0) throw new Error('The EventStoreDB event store needs at least one category');
  for (const category of categories) {
    if (!CATEGORY.test(category)) {
      throw new Error(`Category "${category}" is not a stream category (letters, digits and _ only)`);
    }
    if (category === COMMAND_STREAM_CATEGORY) {
      throw new Error(`Category "${category}" is reserved for the store's idempotency records`);
    }
  }
  return [...categories];
}

export function inCategories(stream: string, categories: readonly string[]): boolean {
  return categories.some((category) => stream.startsWith(`${category}-`));
}

/** A ledger event: in one of the categories and not a system event (`$...` types such as links). */
export function isLedgerEvent(
  event: { streamId: string; type: string },
  categories: readonly string[],
): boolean {
  return !event.type.startsWith('$') && inCategories(event.streamId, categories);
}

/** The server-side filter of a subscription: only streams of the categories cross the wire. */
export function categoryFilter(categories: readonly string[]): PrefixesFilter {
  return streamNameFilter({ prefixes: categories.map((category) => `${category}-`) });
}
