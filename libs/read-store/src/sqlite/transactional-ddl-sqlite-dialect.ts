import { type DialectAdapter, SqliteAdapter, SqliteDialect } from 'kysely';

/**
 * SQLite runs CREATE/ALTER inside transactions, but Kysely's adapter says it does not, so its
 * migrator would commit each migration on its own and a failing one could leave half a schema.
 * Saying so gives SQLite what PostgreSQL gets: a migration batch applies whole or not at all.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
