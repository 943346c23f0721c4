// Snippets: the passage that matches, matches marked, everything else escaped.
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from './search-index.ts';
import { escapeHtml } from '../../platform/http/escape-html.ts';
import { buildSnippet, SNIPPET_MAX } from './snippet.ts';
import { testDocuments, testSynonyms } from './test-corpus.ts';

const index = createSearchIndex({ synonyms: testSynonyms });
for (const d of testDocuments) index.upsert(d);
const snippetOf = (q: string) => index.search(q).items[0]!.snippet;
const text = (html: string) => html.replace(/<\/?mark>/g, '');

describe('snippets', () => {
  it('show the passage that matches, with every form of the words marked', () => {
    const s = snippetOf('показания счетчика передать');
    expect(s).toContain('<mark>Показания</mark> <mark>передают</mark>');
    expect(s).not.toContain('норматив'); // another passage
  });

  it('escape the answer text and mark nothing but matches', () => {
    const s = snippetOf('оплатить штраф со скидкой');
    expect(s).toContain('<mark>штраф</mark>');
    expect(s).toContain('&amp; пени» &lt;script&gt;');
    expect(text(s)).not.toMatch(/[<>]/);
  });

  it('mark synonym phrases only where the whole phrase stands', () => {
    const h = { stems: new Map<string, number>(), phrases: [{ stems: ['многофункциональн', 'центр'], weight: 1 }] };
    expect(buildSnippet('', 'Центр занятости закрыт. Документы принимает многофункциональный центр.', h)).toBe('Документы принимает <mark>многофункциональный</mark> <mark>центр</mark>.');
    expect(index.search('подать заявление на субсидию через мфц').items[0]!.snippet).toContain('<mark>многофункциональном</mark> <mark>центре</mark>');
  });

  it('stay short, marking a cut with an ellipsis', () => {
    const long = `${'Вводные слова без смысла идут подряд '.repeat(12)}и только здесь говорится про льготы многодетным семьям, ${'после чего снова идут слова '.repeat(12)}.`;
    const s = buildSnippet('Заголовок', long, { stems: new Map([['льгот', 1]]), phrases: [] });
    expect(text(s).length).toBeLessThanOrEqual(SNIPPET_MAX + 2);
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('<mark>льготы</mark>');
  });

  it('fall back to the title when the body has no match', () => {
    expect(buildSnippet('Кто платит <налог>?', 'Текст ответа.', { stems: new Map([['налог', 1]]), phrases: [] })).toBe('Кто платит &lt;<mark>налог</mark>&gt;?');
  });

  it('escape every HTML-special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
