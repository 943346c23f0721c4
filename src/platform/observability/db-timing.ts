// Times every database statement (inside transactions too) into the registry's histogram, by its
// first keyword, without changing what the database does.
import type { Db, Queryable } from '../db/database.ts';
import type { Observability } from './registry.ts';

const kindOf = (sql: string) => {
  const m = /^\s*(?:WITH\b[\s\S]*?\)\s*)?([A-Za-z]+)/.exec(sql);
  const word = (m?.[1] ?? 'other').toUpperCase();
  return ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'BEGIN', 'COMMIT', 'SET', 'NOTIFY'].includes(word) ? word : 'other';
};

function timed(q: Queryable, o: Observability): Queryable {
  return {
    async query(text, params) {
      const end = o.db.startTimer({ statement: kindOf(text) });
      try {
        const r = await q.query(text, params);
        end({ outcome: 'ok' });
        return r as never;
      } catch (e) {
        end({ outcome: 'error' });
        throw e;
      }
    },
    exec: (sql) => q.exec(sql),
  };
}

export function timedDb(db: Db, o: Observability): Db {
  const t = timed(db, o);
  return {
    get kind() {
      return db.kind;
    },
    get location() {
      return db.location;
    },
    query: t.query,
    exec: t.exec,
    listen: (channel, fn) => db.listen(channel, fn),
    holdLock: (key) => db.holdLock(key),
    transaction: (fn, options) => db.transaction((tx) => fn(timed(tx, o)), options),
    close: () => db.close(),
  };
}
