import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Kysely,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Transaction,
  type TransactionBuilder,
  type TransactionSettings,
} from 'kysely';

/**
 * Set for the async context of a transaction's callback. PGlite has one connection: a query through
 * the pool made while a transaction holds it waits for that transaction, which waits for the query —
 * forever. On PostgreSQL the same query quietly runs outside the transaction. Both are bugs, so both
 * databases refuse it at once, and a test on either finds it.
 */
const insideTransaction = new AsyncLocalStorage<{ since: Error }>();

/** A query through the connection pool from code running inside an open transaction. */
export class PoolInsideTransactionError extends Error {
  constructor(what: string, since: Error) {
    super(
      `database: ${what} through the connection pool from inside an open transaction. ` +
        'Inside a transaction use the transaction itself (TxContext.db / trx), and load caches before ' +
        "it begins; on PGlite this query would wait forever for the transaction's own connection.",
      { cause: since },
    );
    this.name = 'PoolInsideTransactionError';
  }
}

/** Throws when the caller runs inside a transaction's callback: `what` is about to use the pool. */
export function assertOutsideTransaction(what: string): void {
  const open = insideTransaction.getStore();
  if (open) throw new PoolInsideTransactionError(what, open.since);
}

/**
 * Delegates to the dialect's driver; a new connection taken from inside a transaction is refused.
 * For a single-connection database (PGlite) it also serialises the connection's users, after that
 * check, so a refused query fails at once instead of queueing behind the transaction it is inside.
 */
class GuardedDriver implements Driver {
  readonly savepoint?: Driver['savepoint'];
  readonly rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  readonly releaseSavepoint?: Driver['releaseSavepoint'];
  /** Resolves when the single connection is free; null when the database has a pool. */
  private queue: Promise<void> | null;
  private release: (() => void) | null = null;

  constructor(
    private readonly inner: Driver,
    singleConnection: boolean,
  ) {
    this.queue = singleConnection ? Promise.resolve() : null;
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }
  init(...a: Parameters<Driver['init']>) {
    return this.inner.init(...a);
  }
  async acquireConnection(...a: Parameters<Driver['acquireConnection']>) {
    // A transaction's own queries run on the connection it already holds and never come here.
    assertOutsideTransaction('a query');
    if (this.queue) {
      const previous = this.queue;
      let release!: () => void;
      this.queue = new Promise<void>((resolve) => (release = resolve));
      await previous;
      this.release = release;
    }
    try {
      return await this.inner.acquireConnection(...a);
    } catch (err) {
      this.unlock();
      throw err;
    }
  }
  private unlock() {
    const release = this.release;
    this.release = null;
    release?.();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  async releaseConnection(...a: Parameters<Driver['releaseConnection']>) {
    try {
      await this.inner.releaseConnection(...a);
    } finally {
      this.unlock();
    }
  }
  destroy(...a: Parameters<Driver['destroy']>) {
    return this.inner.destroy(...a);
  }
}

/** `dialect` with a driver that refuses pool connections from inside a transaction. */
export function guardDialect(dialect: Dialect, opts: { singleConnection: boolean }): Dialect {
  return {
    // For a single connection the guarded driver also serialises its users (see GuardedDriver).
    createDriver: () => new GuardedDriver(dialect.createDriver(), opts.singleConnection),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

/**
 * The root Kysely instance: every `transaction().execute(fn)` runs `fn` marked as inside a
 * transaction, so the guarded driver refuses the pool there (see `insideTransaction`).
 */
export class GuardedKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    const execute = builder.execute.bind(builder);
    builder.execute = <T>(callback: (trx: Transaction<DB>) => Promise<T>) =>
      execute((trx) =>
        insideTransaction.run({ since: new Error('the transaction began here') }, () => callback(trx)),
      );
    return builder;
  }
  /** Controlled transactions and held connections would escape the guard: not used here. */
  override startTransaction(): never {
    throw new Error('database: begin transactions with withTransaction (src/app/transaction.ts)');
  }
  override connection(): never {
    throw new Error('database: hold no connection outside a transaction; use withTransaction');
  }
}
