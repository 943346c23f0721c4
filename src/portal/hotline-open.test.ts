// The hotline page through HTTP: the chosen region's centre open now or closed, by its own clock,
// changing when it opens or closes; every region's hours folded under a summary; the region
// chooser saying it when a region is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { postForm, visibleText } from '../../test/support/portal.ts';

describe('the hotline page: open now', () => {
  let app: TestApp;
  // Monday 7 December 2026, 12:00 UTC: 15:00 in Moscow, 22:00 in Vladivostok
  let now = new Date('2026-12-07T12:00:00Z');
  beforeAll(async () => {
    app = await startApp({}, { acd: false, clock: () => now });
  });
  afterAll(() => app.close());

  const hotline = async (region?: string) => visibleText((await app.client().get('/hotline', region ? { cookie: `otvet_region=${region}` } : {})).text);

  it("says whether the visitor's region is open now and until when, by the region's own clock", async () => {
    expect(await hotline('77')).toContain('Ваш регион — Москва: Открыто сейчас, до 21:00 по местному времени.');
    expect(await hotline('25')).toContain('Ваш регион — Приморский край: Закрыто, откроется завтра в 9:00 по местному времени.');
    const none = await hotline();
    expect(none).toContain('Выберите свой регион — и мы покажем, открыт ли его центр сейчас');
    expect(none).not.toContain('Открыто сейчас');
  });

  it('changes when the centre closes and when the day turns, though the page is kept', async () => {
    now = new Date('2026-12-07T17:59:00Z'); // 20:59 in Moscow
    expect(await hotline('77')).toContain('Открыто сейчас, до 21:00');
    now = new Date('2026-12-07T18:00:00Z'); // 21:00
    expect(await hotline('77')).toContain('Закрыто, откроется завтра в 9:00 по местному времени.');
    now = new Date('2026-12-07T21:00:00Z'); // Tuesday 0:00
    expect(await hotline('77')).toContain('Закрыто, откроется в 9:00 по местному времени.');
    now = new Date('2026-12-07T12:00:00Z');
  });

  it("keeps every region's hours in a table folded under a summary", async () => {
    const r = await app.client().get('/hotline', { cookie: 'otvet_region=77' });
    const details = /<details class="hours">\s*<summary>Часы работы по регионам<\/summary>([\s\S]*?)<\/details>/.exec(r.text);
    expect(details).not.toBeNull();
    expect(details![1]!.match(/<tr/g)!.length).toBe(86); // the head and 85 regions
    expect(details![1]).toContain('<tr class="mine"><th scope="row">Москва</th>');
  });

  it('the region chooser says it when a region is saved', async () => {
    const saved = await postForm(app, '/region', { code: '25', back: '/hotline' });
    const page = await app.client().get(saved.headers.get('location')!, { cookie: 'otvet_region=25' });
    expect(visibleText(page.text)).toContain('Регион сохранён: Приморский край. Горячая линия 122 в вашем регионе: закрыто, откроется завтра в 9:00 по местному времени.');
    expect(page.text).toContain('<a href="tel:122">122</a> в вашем регионе');
  });
});
