// The editors' list of answers reads a page in a fixed number of statements, however long the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { systemActor } from '../platform/access/principal.ts';
import { AuditService } from '../platform/audit/service.ts';
import type { Db } from '../platform/db/database.ts';
import { AnswersService } from './answers-service.ts';

/** The database with a counter of the statements run through it (outside transactions). */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const wrapped = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'query') return (text: string, params?: unknown[]) => (n++, target.query(text, params));
      const v = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: wrapped, statements: () => n };
}

const content = (title: string, body: string, section: string) => ({
  title,
  body,
  section,
  tags: [],
  audience: null,
  alternatives: [],
  related: [],
  validFrom: null,
  validUntil: null,
  agency: null,
  sources: [],
});

describe('AnswersService.list', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
    const answers = new AnswersService(db, new AuditService(db));
    for (let i = 0; i < 12; i++) {
      await answers.create(systemActor(), { slug: `list-${i}`, scope: 'federal', ...content(`Ответ ${i}`, 'Текст.', i % 2 ? 'Пособия' : 'Пенсии') });
    }
    await answers.edit(systemActor(), 'list-3', content('Ответ 3, вторая редакция', 'Новый текст.', 'Пособия'));
  });
  afterAll(() => db.close());

  it('runs the same number of statements for a page of 2 and of 12 answers', async () => {
    const small = counting(db);
    const two = await new AnswersService(small.db, new AuditService(small.db)).list(systemActor(), { limit: 2, offset: 0 });
    const large = counting(db);
    const twelve = await new AnswersService(large.db, new AuditService(large.db)).list(systemActor(), { limit: 12, offset: 0 });
    expect(two).toHaveLength(2);
    expect(twelve).toHaveLength(12);
    expect(large.statements()).toBe(small.statements());
    expect(large.statements()).toBeLessThanOrEqual(2);
  });

  it('shows each answer with its working version, newest change first', async () => {
    const items = await new AnswersService(db, new AuditService(db)).list(systemActor(), { limit: 12, offset: 0 });
    expect(items[0]).toMatchObject({ slug: 'list-3', title: 'Ответ 3, вторая редакция', currentVersion: 2, status: 'draft', working: { version: 2, body: 'Новый текст.', section: 'Пособия' } });
    expect(items.map((a) => a.slug).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `list-${i}`).sort());
    const one = items.find((a) => a.slug === 'list-4')!;
    expect(one).toEqual({ ...(await new AnswersService(db, new AuditService(db)).forEditor(systemActor(), 'list-4')), title: 'Ответ 4' });
  });
});
