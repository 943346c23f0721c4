// A worker's embedded test databases, reused: opening a PGlite from the migrated template costs
// about a second of CPU (PostgreSQL starting in WebAssembly), emptying one back to the template's
// state about a tenth of that. A database handed back is reset (every table emptied, the rows the
// migrations wrote put back, every sequence where the template had it, session state discarded)
// and lent again; one whose schema a test changed, or that does not reset in time, is closed.
import type { Db, Queryable } from '../../src/platform/db/database.ts';
import type { openPglite } from '../../src/platform/db/pglite.ts';

type Pglite = Awaited<ReturnType<typeof openPglite>>;

/** What a reset puts back: read from a fresh clone of the template, once per process. */
interface Template {
  tables: string[];
  seeds: { table: string; columns: string[]; rows: unknown[] }[];
  sequences: { name: string; value: string; called: boolean }[];
  fingerprint: string;
}

/** A database goes back to the pool at most this many times (its WebAssembly memory never shrinks). */
const MAX_USES = 40;
/** Idle databases kept; more are closed. */
const MAX_IDLE = 3;
const RESET_TIMEOUT_MS = 10_000;

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

/** Changes whenever a test creates, alters or drops anything (tables, columns, functions, triggers, types, grants). */
const FINGERPRINT = `
  SELECT md5(string_agg(x, ',' ORDER BY x)) AS fingerprint FROM (
    SELECT format('c %s %s %s %s %s', c.oid, c.relname, c.relkind, c.relacl, c.reloptions) AS x
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${SYSTEM_SCHEMAS}
    UNION ALL SELECT format('a %s %s %s %s %s %s', a.attrelid, a.attnum, a.attname, a.atttypid, a.attnotnull, a.atthasdef)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attnum > 0 AND NOT a.attisdropped AND ${SYSTEM_SCHEMAS}
    UNION ALL SELECT format('n %s %s', oid, nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL SELECT format('p %s %s', oid, proname) FROM pg_proc
    UNION ALL SELECT format('k %s', oid) FROM pg_constraint
    UNION ALL SELECT format('t %s %s', oid, tgenabled) FROM pg_trigger
    UNION ALL SELECT format('y %s', oid) FROM pg_type
    UNION ALL SELECT format('r %s', oid) FROM pg_rewrite
    UNION ALL SELECT format('d %s', oid) FROM pg_attrdef
    UNION ALL SELECT format('e %s %s', oid, extversion) FROM pg_extension
    UNION ALL SELECT format('u %s %s', oid, rolname) FROM pg_roles
    UNION ALL SELECT format('s %s', count(*)) FROM pg_db_role_setting
  ) parts`;

async function fingerprint(db: Queryable): Promise<string> {
  return (await db.query<{ fingerprint: string }>(FINGERPRINT)).rows[0]!.fingerprint;
}

async function readTemplate(db: Queryable): Promise<Template> {
  const relations = await db.query<{ name: string; kind: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'S') AND NOT c.relispartition AND ${SYSTEM_SCHEMAS}
      ORDER BY 1`,
  );
  const tables = relations.rows.filter((r) => r.kind === 'r').map((r) => r.name);
  const seeds: Template['seeds'] = [];
  for (const table of tables) {
    const { rows } = await db.query<{ rows: unknown[] | null }>(`SELECT json_agg(t) AS rows FROM ${table} t`);
    if (!rows[0]!.rows) continue;
    // (generated columns are computed again on insert; the rest are written as they were)
    const columns = await db.query<{ name: string }>(
      `SELECT quote_ident(attname) AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [table],
    );
    seeds.push({ table, columns: columns.rows.map((c) => c.name), rows: rows[0]!.rows });
  }
  const sequences: Template['sequences'] = [];
  for (const { name } of relations.rows.filter((r) => r.kind === 'S')) {
    const { rows } = await db.query<{ value: string; called: boolean }>(`SELECT last_value::text AS value, is_called AS called FROM ${name}`);
    sequences.push({ name, ...rows[0]! });
  }
  return { tables, seeds, sequences, fingerprint: await fingerprint(db) };
}

/** Back to the template's state; false when that cannot be promised (the schema changed). */
async function reset(db: Pglite, template: Template): Promise<boolean> {
  // (a statement left half-done in a transaction by a failed test would hold everything after it)
  await db.exec('ROLLBACK');
  await db.exec('DISCARD ALL');
  if ((await fingerprint(db)) !== template.fingerprint) return false;
  await db.transaction(async (tx) => {
    if (template.tables.length) await tx.exec(`TRUNCATE ${template.tables.join(', ')}`);
    for (const seed of template.seeds) {
      const columns = seed.columns.join(', ');
      await tx.query(`INSERT INTO ${seed.table} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM json_populate_recordset(NULL::${seed.table}, $1::json)`, [JSON.stringify(seed.rows)]);
    }
    await tx.query(`SELECT setval(s.name::regclass, s.value, s.called) FROM json_to_recordset($1::json) AS s(name text, value bigint, called boolean)`, [JSON.stringify(template.sequences)]);
  });
  return true;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface PglitePool {
  /** A database in the template's state, lent until its close() is called. */
  lease(): Promise<Db>;
  /** Databases opened from the template and leases served by a reset one, for the pool's own test. */
  readonly counts: { opened: number; reused: number; discarded: number };
}

export function pglitePool(openFresh: () => Promise<Pglite>): PglitePool {
  const idle: { db: Pglite; uses: number }[] = [];
  const counts = { opened: 0, reused: 0, discarded: 0 };
  let template: Promise<Template> | undefined;

  const discard = (db: Pglite) => {
    counts.discarded++;
    // (not awaited: closing a database stuck in a test's transaction would wait for ever)
    void db.close().catch(() => {});
  };

  const giveBack = async (db: Pglite, uses: number) => {
    try {
      const ok = uses < MAX_USES && idle.length < MAX_IDLE && (await withTimeout(reset(db, await template!), RESET_TIMEOUT_MS)) === true;
      if (ok) return void idle.push({ db, uses });
    } catch {
      // (a database that cannot be reset is not lent again)
    }
    discard(db);
  };

  return {
    counts,
    async lease() {
      let entry = idle.pop();
      if (entry) counts.reused++;
      else {
        const db = await openFresh();
        counts.opened++;
        template ??= readTemplate(db);
        await template;
        entry = { db, uses: 0 };
      }
      const { db, uses } = entry;
      return lent(db, () => giveBack(db, uses + 1));
    },
  };
}

/** The borrower's handle: refuses work after close, so nothing a closed app left running reaches the next borrower. */
function lent(db: Pglite, giveBack: () => Promise<void>): Db {
  let closed = false;
  const unlistens = new Set<() => Promise<void>>();
  const open = () => {
    if (closed) throw new Error('the test database is closed');
  };
  return {
    kind: db.kind,
    location: db.location,
    async query(text, params) {
      open();
      return db.query(text, params);
    },
    async exec(sql) {
      open();
      return db.exec(sql);
    },
    async transaction(fn, options) {
      open();
      return db.transaction(fn, options);
    },
    async listen(channel, onNotify) {
      open();
      const unlisten = await db.listen(channel, (payload) => {
        if (!closed) onNotify(payload);
      });
      const once = async () => {
        if (unlistens.delete(once)) await unlisten();
      };
      unlistens.add(once);
      return once;
    },
    async holdLock(key) {
      open();
      return db.holdLock(key);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const unlisten of [...unlistens]) await unlisten();
      await giveBack();
    },
  };
}
