// Migrations that forget personal data kept before it stopped being stored: 0017, searches that may
// hold a typed phone number; 0018, usernames typed at failed sign-ins (often a password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Db } from './database.ts';
import { loadMigrations } from './migrate.ts';

describe('migration 0017: searches kept before numbers were masked', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db.close());

  it('forgets those holding a phone-like number, keeps years, amounts, laws and masked ones', async () => {
    const samples = {
      forgotten: ['пособие +7 916 123-45-67', 'звонил 89161234567', '8 (916) 123 45 67 не дозвонился', 'снилс 12345678901', 'номер 123-45-67'],
      kept: ['выплаты 2024 год', 'пособие 10000 рублей', '44-ФЗ закупки', 'горячая линия 122', 'пособие +7 *** ***-**-67', 'мрот 19 242'],
    };
    const all = [...samples.forgotten, ...samples.kept];
    for (const [i, q] of all.entries()) {
      await db.query('INSERT INTO kb_query_stats (day, normalized_query, sample_query, searches) VALUES ($1, $2, $3, 1)', ['2026-11-01', `key-${i} ${q.replace(/\D/g, '')}`, q]);
    }
    const migration = loadMigrations().find((m) => m.version === 17)!;
    expect(migration.name).toMatch(/phone/);
    await db.exec(migration.sql);
    const left = (await db.query<{ sample_query: string }>('SELECT sample_query FROM kb_query_stats ORDER BY sample_query')).rows.map((r) => r.sample_query);
    expect(left.sort()).toEqual([...samples.kept].sort());
  });

  it('migration 0018: failed sign-ins with an unknown username lose the typed text; other records keep their target', async () => {
    const insert = (action: string, target: string, reason: string) =>
      db.query("INSERT INTO audit_log (via, action, target_type, target_id, details) VALUES ('anonymous', $1, 'user', $2, $3)", [action, target, JSON.stringify({ reason })]);
    await insert('auth.login_failed', 'MyS3cret-passw0rd', 'unknown_user');
    await insert('auth.login_failed', '42', 'wrong_password');
    await insert('auth.locked', '42', 'wrong_password');
    const migration = loadMigrations().find((m) => m.version === 18)!;
    expect(migration.name).toMatch(/username/);
    await db.exec(migration.sql);
    const rows = (await db.query<{ action: string; target_id: string | null }>("SELECT action, target_id FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id")).rows;
    expect(rows).toEqual([
      { action: 'auth.login_failed', target_id: null },
      { action: 'auth.login_failed', target_id: '42' },
      { action: 'auth.locked', target_id: '42' },
    ]);
  });
});
