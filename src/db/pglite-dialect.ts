import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { CompiledQuery } from 'kysely';
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely over embedded PGlite. Written here because Kysely ships its PGlite dialect only from 0.29,
 * which requires Node.js 22, and Minsheng runs on Node.js 20; the community dialects pin older
 * PGlite releases. It is small: PGlite is one session: a transaction is PGlite's own (held open until
 * Kysely commits), and the guarded driver (transaction-guard.ts) gives the session to one Kysely user
 * at a time.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteConnection implements DatabaseConnection {
  /** The open transaction: PGlite's own, so direct pglite.query calls elsewhere wait for it. */
  private tx: Transaction | null = null;
  private finish: ((commit: boolean) => void) | null = null;
  private closed: Promise<unknown> | null = null;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { affectedRows, rows } = await (this.tx ?? this.pglite).query<R>(
      compiled.sql,
      compiled.parameters as unknown[],
      { rowMode: 'object' },
    );
    return {
      ...(affectedRows != null ? { numAffectedRows: BigInt(affectedRows) } : {}),
      rows: rows ?? [],
    };
  }

  // eslint-disable-next-line require-yield -- the interface asks for a generator; PGlite cannot stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }

  /**
   * Opens a PGlite transaction and keeps it open until commit or rollback. PGlite's transaction holds
   * its exclusive lock, so statements sent straight to PGlite (prepared statements, scripts) wait for
   * it instead of landing inside it.
   */
  async begin(settings: TransactionSettings): Promise<void> {
    let begun!: () => void;
    const ready = new Promise<void>((resolve) => (begun = resolve));
    this.closed = this.pglite.transaction(async (tx) => {
      this.tx = tx;
      const parts: string[] = [];
      if (settings.isolationLevel) parts.push(`isolation level ${settings.isolationLevel}`);
      if (settings.accessMode) parts.push(settings.accessMode);
      if (parts.length) await tx.query(`set transaction ${parts.join(' ')}`);
      const commit = await new Promise<boolean>((resolve) => {
        this.finish = resolve;
        begun();
      });
      // Throwing from the callback is how PGlite is told to roll back.
      if (!commit) throw new Error('rolled back');
    });
    // A failure to begin settles `closed` before `ready`.
    await Promise.race([ready, this.closed]);
  }

  async end(commit: boolean): Promise<void> {
    const closed = this.closed;
    this.finish?.(commit);
    this.tx = null;
    this.finish = null;
    this.closed = null;
    if (commit) await closed;
    else await closed?.catch(() => undefined);
  }
}

class PgliteDriver implements Driver {
  private readonly connection: PgliteConnection;
  constructor(private readonly pglite: PGlite) {
    this.connection = new PgliteConnection(pglite);
  }
  async init() {
    if (this.pglite.closed) throw new Error('the PGlite instance is already closed');
    await this.pglite.waitReady;
  }
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await (connection as PgliteConnection).begin(settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as PgliteConnection).end(true);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as PgliteConnection).end(false);
  }
  async releaseConnection() {
    // One session for the whole process: nothing to give back (the guarded driver unlocks it).
  }
  async destroy() {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
