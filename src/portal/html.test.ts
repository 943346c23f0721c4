// The small pure pieces the pages are made of: escaping, Markdown, section addresses, Russian dates.
import { describe, expect, it } from 'vitest';
import { html, raw } from './html.ts';
import { excerpt, markdown, plainText } from './markdown.ts';
import { sectionSlug } from './slug.ts';
import { dateRu, t } from './strings.ts';

describe('html``', () => {
  it('escapes every value unless it is already markup', () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${raw('<b>ok</b>')}${null}${undefined}${false}${0}`.value).toBe('<b>ok</b>0');
  });
});

describe('markdown', () => {
  it('renders paragraphs and lists, escapes raw HTML, drops script links, marks outside links', () => {
    expect(markdown('Абзац.\n\n- один;\n- два.').value).toBe('<p>Абзац.</p>\n<ul>\n<li>один;</li>\n<li>два.</li>\n</ul>\n');
    expect(markdown('<b>x</b>').value).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>\n');
    expect(markdown('[a](javascript:alert(1))').value).not.toContain('href="javascript');
    expect(markdown('[Госуслуги](https://www.gosuslugi.ru)').value).toBe('<p><a href="https://www.gosuslugi.ru" rel="noopener nofollow">Госуслуги</a></p>\n');
  });

  it('gives plain text and excerpts cut at a word', () => {
    expect(plainText('**Важно**: см. [сайт](https://x.ru).\n\n- пункт')).toBe('Важно: см. сайт. — пункт');
    const long = 'слово '.repeat(100);
    const e = excerpt(long, 50);
    expect(e.length).toBeLessThanOrEqual(50);
    expect(e.endsWith('слово…')).toBe(true);
  });
});

describe('section addresses and dates', () => {
  it('transliterates section names into stable Latin slugs', () => {
    expect(sectionSlug('Частичная мобилизация')).toBe('chastichnaia-mobilizatsiia');
    expect(sectionSlug('Меры поддержки семьям мобилизованных')).toBe('mery-podderzhki-semiam-mobilizovannykh');
    expect(sectionSlug('Кредиты и финансы')).toBe('kredity-i-finansy');
    expect(sectionSlug('!!!')).toBe('section');
  });

  it('writes dates in Russian, in Moscow time, and counts in Russian', () => {
    expect(dateRu('2026-03-04T21:30:00Z')).toBe('5 марта 2026');
    expect([1, 2, 5, 11, 21, 22, 25].map(t.answersInSection)).toEqual(['1 ответ', '2 ответа', '5 ответов', '11 ответов', '21 ответ', '22 ответа', '25 ответов']);
  });
});
