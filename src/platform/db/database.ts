// The one database interface every module uses. Two implementations serve it: embedded PGlite
// (a laptop, tests) and a PostgreSQL server (production). SQL is PostgreSQL's in both.

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** One statement with $1.. parameters. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  durable?: boolean;
  /**
   * On PostgreSQL, the first statement travels with BEGIN in one message, its parameters written
   * in as quoted literals: one round trip fewer, for a hot path only. Taken only for
   * `SELECT <columns> FROM <function>($1, …)` with plain values (otherwise BEGIN goes alone); the
   * values then show in the server's logs and pg_stat_activity. PGlite has no round trips to save.
   */
  inlineFirst?: boolean;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs and errors (never includes a password). */
  readonly location: string;
  /** Where this process serves, for another otvet refused the same embedded database to point to (PGlite only). */
  announce?(url: string): void;
  /**
   * Calls onNotify for every NOTIFY on the channel (from any process using the database) until
   * the returned function is called.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Waits until this process holds the named lock of this database (a session advisory lock on a
   * connection of its own), for leader roles such as the ACD. Resolves with the release function;
   * the lock also ends when the process dies.
   */
  holdLock(key: number): Promise<() => Promise<void>>;
  /**
   * Runs fn in one transaction: committed when fn resolves, rolled back when it throws.
   * durable: false lets the commit return before its WAL reaches the disk (synchronous_commit
   * off): for work the system redoes by itself after a crash, never for what was acknowledged.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened; the message says what to do. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** PostgreSQL error fields that both drivers expose. */
export interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** The SQLSTATE of a database error (e.g. 23505 unique violation), or undefined for other errors. */
export function pgCode(e: unknown): string | undefined {
  const code = e instanceof Error ? (e as PgErrorLike).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
