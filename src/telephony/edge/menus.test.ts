import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import type { IvrMenu } from '../otvet/api.ts';
import { coreMenu, MenuCache } from './menus.ts';

const logger = createLogger({ level: 'silent', format: 'json' });
const otvetMenu = (section = 'Коронавирус'): IvrMenu => ({
  greeting: 'Здравствуйте!',
  timeoutSeconds: 7,
  items: [
    { digit: '1', section },
    { digit: '2', section: 'Вакцинация' },
    { digit: '*', section: 'Другое' },
  ],
});

describe("regions' IVR menus", () => {
  it('are taken as the call core wants them: numbered keys, a greeting when otvet has one', () => {
    expect(coreMenu(otvetMenu())).toEqual({
      greeting: true,
      timeoutSeconds: 7,
      items: [
        { digit: 1, section: 'Коронавирус' },
        { digit: 2, section: 'Вакцинация' },
      ],
    });
    expect(coreMenu({ ...otvetMenu(), greeting: null }).greeting).toBe(false);
  });

  it('asks otvet once per region, keeps the answer, and falls back to the last known or no menu', async () => {
    const asked: string[] = [];
    let fail = false;
    const cache = new MenuCache({
      logger,
      fetch: async (region) => {
        asked.push(region);
        if (fail) throw new Error('otvet is away');
        return otvetMenu(`section of ${region}`);
      },
    });
    const [a, b] = await Promise.all([cache.get('77'), cache.get('77')]);
    expect(a.items[0]!.section).toBe('section of 77');
    expect(b).toEqual(a);
    expect(await cache.get('77')).toEqual(a);
    expect(asked).toEqual(['77']);
    fail = true;
    expect(await cache.get('50')).toEqual({ timeoutSeconds: 10, items: [] });
  });

  it('does not keep a call waiting long for a region’s first menu', async () => {
    const cache = new MenuCache({ logger, firstWaitMs: 50, fetch: () => new Promise<IvrMenu>((resolve) => setTimeout(() => resolve(otvetMenu()), 300)) });
    expect((await cache.get('77')).items).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await cache.get('77')).items).toHaveLength(2);
  });
});
