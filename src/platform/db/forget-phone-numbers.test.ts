// Migration 0017 forgets stored searches that may hold a typed phone number, and keeps the rest.
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
});
