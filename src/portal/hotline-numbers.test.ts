// Wherever a portal page shows the hotline's number, a tap dials it: every 122 on a page is a tel:122
// link (or names the hotline page in a link to it), in the header, the footer, the site's words and
// answers' text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { postForm, publishDemo, visibleText } from '../../test/support/portal.ts';

/** The page's visible text with its tel:122 links and its links to the hotline page left out. */
function unlinked(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return visibleText(body.replace(/<a [^>]*href="tel:122"[^>]*>[^<]*<\/a>/g, ' ').replace(/<a href="\/hotline">[^<]*<\/a>/g, ' '));
}

describe('the hotline number on portal pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
  });
  afterAll(() => app.close());

  it('is a tel:122 link everywhere a page shows it', async () => {
    const voted = await postForm(app, '/answers/mob-who-is-called-up/feedback', { helped: 'no' });
    for (const path of [
      '/',
      '/answers/mob-who-is-called-up',
      voted.headers.get('location')!,
      '/sections/koronavirus',
      `/search?q=${encodeURIComponent('отсрочка от мобилизации')}`,
      `/search?q=${encodeURIComponent('зззкккщщщ')}`,
      '/hotline',
      '/region',
      '/no/such/page',
    ]) {
      const r = await app.client().get(path, { accept: 'text/html' });
      const text = visibleText(r.text.slice(r.text.indexOf('<body')));
      expect(text, path).toContain('122');
      expect(unlinked(r.text), path).not.toMatch(/(?<!\d)122(?!\d)/);
      // the header's and the footer's number dial it
      expect(r.text, path).toMatch(/<span class="brand"><a href="\/">Ответ<\/a><a class="tel" href="tel:122">122<\/a><\/span>/);
      expect(r.text, path).toMatch(/<footer class="site">[\s\S]*Звоните <a href="tel:122">122<\/a>/);
    }
  });

  it("an answer's own mention of 122 dials it", async () => {
    const a = await app.services.answers.published('mob-who-is-called-up');
    expect(a.body).toMatch(/(?<!\d)122(?!\d)/);
    const r = await app.client().get('/answers/mob-who-is-called-up');
    const answer = /<div class="answer">([\s\S]*?)<\/div>/.exec(r.text)![1]!;
    expect(answer).toContain('<a href="tel:122">122</a>');
  });
});
