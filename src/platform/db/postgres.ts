// A PostgreSQL server through node-postgres, for production and the second CI run.
import pg from 'pg';
import { DatabaseOpenError, type Db, type Queryable, type QueryResult, type TransactionOptions } from './database.ts';

// int8 (counts, identity keys) as numbers, like PGlite; our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(text: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await client.query(text, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A string PostgreSQL would store: a NUL would end a simple-protocol message early, not be refused. */
const storable = (x: unknown) => typeof x !== 'string' || !x.includes('\0');

/**
 * A parameter as a quoted literal of the text PostgreSQL would have received for it (an untyped
 * literal is typed from its context as an untyped parameter is); undefined for anything but plain
 * values and flat arrays of them.
 */
function literal(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (!storable(v)) return undefined;
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return pg.escapeLiteral(String(v));
  if (Array.isArray(v) && v.every((x) => storable(x) && (x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x))))) {
    const items = v.map((x) => (x === null ? 'NULL' : `"${String(x).replace(/[\\"]/g, (c) => `\\${c}`)}"`));
    return pg.escapeLiteral(`{${items.join(',')}}`);
  }
  return undefined;
}

/**
 * `SELECT <columns> FROM <function>(<parameters>)` and nothing else: no literal, comment, operator
 * or second statement of its own, so the values written in are the only text that is not ours.
 */
const ARG = String.raw`\$\d+(?:::\w+(?:\[\])?)?`;
const CALL = new RegExp(String.raw`^SELECT (?:\*|\w+(?:, \w+)*) FROM \w+\((?:${ARG}(?:, ${ARG})*)?\)$`);

/**
 * The call with its parameters written in, to travel in the same message as BEGIN; undefined for
 * any other statement, or values that cannot be written in exactly.
 */
export function inlineParameters(text: string, params: unknown[]): string | undefined {
  if (!CALL.test(text)) return undefined;
  const values = params.map(literal);
  if (values.some((v) => v === undefined)) return undefined;
  let ok = true;
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1] ?? ((ok = false), ''));
  return ok ? sql : undefined;
}

/** deadlock_detected, serialization_failure */
const RETRYABLE = new Set(['40P01', '40001']);

/** "host:port/database" of a URL, without credentials. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}

function explain(e: unknown, url: string): string {
  const err = e as NodeJS.ErrnoException & { code?: string };
  const where = describeUrl(url);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where}: connection refused. Is the server running, and is DATABASE_URL right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach PostgreSQL at ${where}: the host name does not resolve. Check DATABASE_URL.`;
    case 'ETIMEDOUT':
      return `Cannot reach PostgreSQL at ${where}: the connection timed out. Check the host, port and firewall.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the login: ${err.message}. Check the user and password in DATABASE_URL.`;
    case '3D000':
      return `PostgreSQL at ${where}: ${err.message}. Create the database first (createdb), or fix DATABASE_URL.`;
    default:
      if (/timeout/i.test(err.message)) {
        return `Cannot reach PostgreSQL at ${where}: the connection timed out. Check the host, port and firewall.`;
      }
      return `Cannot open PostgreSQL at ${where}: ${err.message}`;
  }
}

/**
 * A dedicated connection for LISTEN (a pooled one would be handed to queries). It reconnects after
 * losing the server; events missed meanwhile are still picked up by the bus's periodic drain.
 */
async function listenOn(url: string, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (!stopped) retry = setTimeout(() => void connect().catch(schedule), 1000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'otvet-listen', connectionTimeoutMillis: 5000 });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify(n.payload ?? '');
    });
    c.on('error', () => {
      c.end().catch(() => {});
      schedule();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/**
 * A transaction's connection that sends BEGIN with its first statement. Parameters travel apart
 * from the text (the extended protocol), so BEGIN goes alone first — unless the transaction asks
 * (inlineFirst) and the statement is a function call whose values can be written in exactly: then
 * both go in one message, one round trip fewer (a telephony batch locks and reads its calls so, and
 * the ACD routes as soon as it has read them). Statements without parameters (exec) always go with
 * BEGIN.
 */
function beginWithFirst(client: pg.PoolClient, begin: string, inlineFirst: boolean): Queryable {
  const plain = wrap(client);
  let begun = false;
  return {
    async query<T>(text: string, params: unknown[] = []): Promise<QueryResult<T>> {
      if (begun) return plain.query<T>(text, params);
      begun = true;
      const sql = inlineFirst ? inlineParameters(text, params) : undefined;
      if (sql === undefined) {
        await client.query(begin);
        return plain.query<T>(text, params);
      }
      const results = (await client.query(`${begin}; ${sql}`)) as unknown as pg.QueryResult[];
      const r = results[results.length - 1]!;
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      if (begun) return plain.exec(sql);
      begun = true;
      await client.query(`${begin}; ${sql}`);
    },
  };
}

export async function openPostgres(options: { url: string; poolSize: number }): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 5000,
    // Connections stay open through a working day's lulls (node-postgres closes them after 10 s
    // idle): a new one costs a connect, a login and a cold backend — what a caller would wait for
    // when a burst needs one more. Closed after half an hour unused.
    idleTimeoutMillis: 30 * 60_000,
    application_name: 'otvet',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(explain(e, options.url), { cause: e });
  }
  const base = wrap(pool);
  return {
    ...base,
    kind: 'postgres',
    location: `PostgreSQL at ${describeUrl(options.url)}`,
    pool,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          const begin = options.durable === false ? 'BEGIN; SET LOCAL synchronous_commit TO off' : 'BEGIN';
          const result = await fn(beginWithFirst(client, begin, options.inlineFirst === true));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          // A deadlock or serialization failure rolled everything back: the work can run again.
          if (!RETRYABLE.has((e as { code?: string }).code ?? '') || attempt >= 4) throw e;
        } finally {
          client.release();
        }
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    },
    listen: (channel, onNotify) => listenOn(options.url, channel, onNotify),
    async holdLock(key) {
      const client = new pg.Client({ connectionString: options.url, application_name: 'otvet-leader' });
      client.on('error', () => {});
      await client.connect();
      // Scoped to this database: several otvet databases may share one server.
      await client.query('SELECT pg_advisory_lock(hashtext(current_database()), $1)', [key]);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}
