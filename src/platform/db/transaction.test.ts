// Transactions on both engines: commit, roll back, and the commit that need not wait for the disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Db } from './database.ts';

describe('transactions', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
    await db.exec('CREATE TABLE tx_probe (n int)');
  });
  afterAll(() => db.close());

  const setting = async (durable?: boolean) =>
    db.transaction(async (tx) => (await tx.query<{ v: string }>('SELECT current_setting($1) AS v', ['synchronous_commit'])).rows[0]!.v, durable === undefined ? undefined : { durable });

  it('waits for the disk unless told the work is redone after a crash anyway', async () => {
    expect(await setting()).toBe('on');
    expect(await setting(false)).toBe('off');
    // only for that transaction
    expect(await setting()).toBe('on');
  });

  it('commits what fn did when it resolves, and nothing when it throws', async () => {
    await db.transaction(async (tx) => void (await tx.query('INSERT INTO tx_probe VALUES (1)')), { durable: false });
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (2)');
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect((await db.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n')).rows).toEqual([{ n: 1 }]);
  });
});
