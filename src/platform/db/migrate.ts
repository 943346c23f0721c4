// Forward-only numbered SQL migrations (migrations/NNNN_name.sql), the same files on PGlite and
// PostgreSQL. Each runs in its own transaction under an advisory lock, so several app nodes
// starting together apply each migration once.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCKS } from '../jobs.ts';
import type { Db } from './database.ts';

export const defaultMigrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir = defaultMigrationsDir): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const m = FILE.exec(file);
    if (!m) throw new MigrationError(`Migration file ${file} is not named NNNN_name.sql`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version: Number(m[1]), name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

async function applied(db: Db): Promise<Applied[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const r = await db.query<Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  return r.rows;
}

export interface MigrationStatus {
  current: number;
  latest: number;
  pending: Migration[];
}

/** Compares the database with the migrations this build knows; throws when they cannot match. */
export async function migrationStatus(db: Db, migrations = loadMigrations()): Promise<MigrationStatus> {
  const done = await applied(db);
  const latest = migrations.length;
  const current = done.length ? done[done.length - 1]!.version : 0;
  if (current > latest) {
    throw new MigrationError(
      `The database (${db.location}) was migrated by a newer otvet: it is at migration ${current}, ` +
        `this version knows only up to ${latest}. Run the newer otvet, or restore a backup made for this version.`,
    );
  }
  for (const a of done) {
    const m = migrations[a.version - 1];
    if (m && m.checksum !== a.checksum) {
      throw new MigrationError(
        `Migration ${String(a.version).padStart(4, '0')}_${a.name} was changed after it was applied to ${db.location}. ` + 'Applied migrations must never be edited; add a new migration instead.',
      );
    }
  }
  return { current, latest, pending: migrations.filter((m) => m.version > current) };
}

export async function migrate(db: Db, options: { migrations?: Migration[]; onApplied?: (m: Migration) => void } = {}): Promise<{ applied: Migration[]; version: number }> {
  const migrations = options.migrations ?? loadMigrations();
  const { pending } = await migrationStatus(db, migrations);
  const done: Migration[] = [];
  for (const m of pending) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrations]);
      const exists = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (exists.rowCount > 0) return false; // another node applied it while we waited
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (ran) {
      done.push(m);
      options.onApplied?.(m);
    }
  }
  return { applied: done, version: migrations.length };
}
