// `otvet appeals retention` on a PGlite data folder: what it counts, what it anonymises, what it refuses.
import { describe, expect, it } from 'vitest';
import { cliEnv, cliInProcess, migratedDir } from '../../test/support/cli.ts';
import { openPglite } from '../platform/db/pglite.ts';

describe('otvet appeals retention', () => {
  it('refuses a period that is not a whole number of days from 30, and counts nothing to do on an empty folder', async () => {
    const env = cliEnv({ OTVET_DATA_DIR: migratedDir() });
    for (const bad of ['5', 'year', '-40', '1.5']) {
      const r = await cliInProcess(['appeals', 'retention', '--older-than-days', bad], env);
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr).toMatch(/--older-than-days: a whole number of days from 30 to 36500/);
    }
    const dry = await cliInProcess(['appeals', 'retention', '--dry-run'], env);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/^would anonymise 0 appeal\(s\) closed before \d{4}-\d{2}-\d{2}: 0 comment\(s\) and 0 file\(s\) would be removed\n$/);
  });

  it('anonymises an appeal closed before the period, and records it in the audit log', async () => {
    const dir = migratedDir();
    const db = await openPglite({ dataDir: dir });
    try {
      await db.query("INSERT INTO regions (code, name, federal_district, timezone, population) VALUES ('77', 'Москва', 'Центральный', 'Europe/Moscow', 1) ON CONFLICT DO NOTHING");
      await db.query("INSERT INTO ap_types (code, name, fields, deadlines, consent_text) VALUES ('t1', 'Тип', '[]', '{}', 'Согласие на обработку персональных данных')");
      await db.query("INSERT INTO ap_organisations (code, name, region_code) VALUES ('org-77', 'Организация', '77')");
      await db.query(
        `INSERT INTO ap_appeals (number, type_code, region_code, organisation_id, channel, status, code_hash, received_at, registered_at, forward_by, answer_by, answer_by_date, sealed, masked, dedupe_hash, consent, closed_at)
         SELECT '122-2019-000001', 't1', '77', id, 'api', 'closed', '\\x01', '2019-01-01', '2019-01-01', '2019-01-08', '2019-01-31', '2019-01-31', '\\x0102', '{"name": "И*** И."}', '\\x03', '{}', '2019-02-01' FROM ap_organisations`,
      );
    } finally {
      await db.close();
    }
    const env = cliEnv({ OTVET_DATA_DIR: dir });
    const r = await cliInProcess(['appeals', 'retention'], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^anonymised 1 appeal\(s\) closed before /);
    const after = await openPglite({ dataDir: dir });
    try {
      expect((await after.query<{ masked: { name: string }; anonymised: boolean }>('SELECT masked, anonymised_at IS NOT NULL AS anonymised FROM ap_appeals')).rows).toEqual([
        { masked: { name: '—', phone: null, email: null }, anonymised: true },
      ]);
      expect((await after.query("SELECT 1 FROM audit_log WHERE action = 'appeals.retention'")).rows).toHaveLength(1);
    } finally {
      await after.close();
    }
  });
});
