// The navigator's portal pages through HTTP, as a browser without JavaScript reads and sends them:
// a volunteer's profile walked question by question to the result (one question per page, the GET
// form's hidden fields carrying the answers), an answer changed from the result, bad values in the
// URL back at their question with a Russian message, and nothing of the answers kept: no row
// written to any table but the usage counts (which hold no answer), no answer in the log.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { htmlProblems, publishDemo, visibleText } from '../../test/support/portal.ts';
import { VOLUNTEER } from '../../test/support/navigator-walks.ts';

interface Res {
  status: number;
  headers: Headers;
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The question a page asks (its form's `answered` field). */
const asked = (html: string) => /<input type="hidden" name="answered" value="([^"]+)">/.exec(html)?.[1];

/** The query a browser sends for the page's form: its hidden fields, then the answer. */
function submit(html: string, value: string | null): string {
  const form = /<form class="appeal nav-form" action="\/navigator\/questions" method="get"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  const pairs = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string]);
  const v = asked(html)!;
  if (value !== null) pairs.push([v, value]);
  return `/navigator/questions?${new URLSearchParams(pairs).toString()}`;
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => decode(m[1]!));

/** The links to change an answer in the list of answers given. */
const changeLinks = (html: string) => [...html.matchAll(/<a class="no-print" href="([^"]*change=[^"]*)"/g)].map((m) => decode(m[1]!));

describe('navigator pages', () => {
  let app: TestApp;
  const lines: string[] = [];
  const get = async (path: string, headers: Record<string, string> = {}): Promise<Res> => {
    const res = await fetch(app.url + path, { redirect: 'manual', headers: { accept: 'text/html', ...headers } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  /** Answers each question from the profile until the result; every page on the way. */
  async function walk(profile: Record<string, string>, from = '/navigator/questions'): Promise<{ pages: Res[]; result: Res; resultPath: string }> {
    const pages: Res[] = [];
    let path = from;
    for (let i = 0; i < 30; i++) {
      const r = await get(path);
      if (r.status === 303) {
        path = r.headers.get('location')!;
        expect(path).toMatch(/^\/navigator\/result\?/);
        const result = await get(path);
        expect(result.status).toBe(200);
        return { pages, result, resultPath: path };
      }
      expect(r.status, path).toBe(200);
      pages.push(r);
      const v = asked(r.text)!;
      expect(profile[v], v).toBeDefined();
      path = submit(r.text, profile[v]!);
    }
    throw new Error('the wizard did not end');
  }

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await startApp({}, { acd: false, logger: createLogger({ level: 'info', format: 'json' }, stream) });
    await publishDemo(app);
  });
  afterAll(() => app?.close());

  it('starts at /navigator, linked from every portal page’s menu', async () => {
    const r = await get('/navigator');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, no-cache');
    const text = visibleText(r.text);
    expect(text).toContain('Навигатор мер поддержки');
    expect(text).toContain('В навигаторе 30 мер поддержки');
    expect(text).toContain('Ответы никуда не записываются');
    expect(r.text).toContain('<a class="button" href="/navigator/questions">Начать</a>');
    expect(await htmlProblems(r.text)).toEqual([]);
    expect((await get('/')).text).toContain('<a href="/navigator">Меры поддержки</a>');
  });

  it('walks a volunteer’s profile one question a page to the result, grouped, with why, how to apply, answers and the appeal form', async () => {
    const { pages, result, resultPath } = await walk(VOLUNTEER);
    // only the questions that matter: fewer than all, each asked once
    const vars = pages.map((p) => asked(p.text)!);
    expect(new Set(vars).size).toBe(vars.length);
    expect(vars.length).toBeLessThan(Object.keys(VOLUNTEER).length);
    expect(vars[0]).toBe('status');
    for (const [i, p] of pages.entries()) {
      // one question: its radios or its box, the answers before it, each with a link to change it
      expect(p.text.match(/<h1/g)).toHaveLength(1);
      expect(visibleText(p.text)).toContain(`Вопрос ${i + 1}`);
      expect(changeLinks(p.text)).toHaveLength(i);
      expect(p.headers.get('referrer-policy')).toBe('no-referrer');
      if (i < 3 || i === pages.length - 1) expect(await htmlProblems(p.text), vars[i]).toEqual([]);
    }
    // "Назад" on a question is its previous question with its answer chosen
    const third = pages[2]!;
    const back = hrefs(third.text).find((h) => h.includes(`change=${vars[1]}`))!;
    const previous = await get(back);
    expect(asked(previous.text)).toBe(vars[1]);
    expect(previous.text).toMatch(new RegExp(`name="${vars[1]}" value="${VOLUNTEER[vars[1]!]}" checked`));

    // the URL holds the answers that mattered, in the order asked
    expect([...new URL(resultPath, app.url).searchParams.keys()]).toEqual(vars);
    const html = result.text;
    const text = visibleText(html);
    expect(await htmlProblems(html)).toEqual([]);
    const section = (id: string) => visibleText((html.split(`aria-labelledby="group-${id}"`)[1] ?? '').split('</section>')[0]!);
    expect(section('eligible')).toContain('Кредитные каникулы для участника СВО');
    expect(section('eligible')).toContain('Выплаты при ранении');
    expect(section('not')).toContain('Ипотечные каникулы');
    expect(section('not')).not.toContain('Кредитные каникулы для участника СВО');
    // why (the engine's sentences), who, how; answers of the knowledge base; the appeal form
    expect(section('eligible')).toContain('Подходит: Есть ли у вас действующий кредит или заём? Ваш ответ: «да».');
    expect(section('not')).toContain('Не подходит: Есть ли у вас ипотека на единственное жильё? Ваш ответ: «нет», а нужен: «да».');
    expect(section('eligible')).toContain('Направьте требование в банк или МФО');
    expect(html).toContain('href="/answers/fin-loan-holidays-mobilized"');
    expect(html).toContain('href="/appeals/new/support-request"');
    expect(text).toContain('Ваши ответы');
    expect(text).toContain('Доброволец — заключил контракт с добровольческим формированием');
    expect(changeLinks(html)).toHaveLength(vars.length);
    // a pure function of the URL: revalidated, a 304 when unchanged
    expect(result.headers.get('cache-control')).toBe('public, no-cache');
    const etag = result.headers.get('etag')!;
    expect((await get(resultPath, { 'if-none-match': etag })).status).toBe(304);
  });

  it('changes an answer from the result: the new answer counts, answers that stopped mattering drop out', async () => {
    const { result } = await walk(VOLUNTEER);
    const change = hrefs(result.text).find((h) => h.includes('change=applicant'))!;
    const page = await get(change);
    expect(page.status).toBe(200);
    expect(asked(page.text)).toBe('applicant');
    expect(page.text).toMatch(/name="applicant" value="serviceman" checked/);
    expect(visibleText(page.text)).toContain('Оставить прежний ответ');
    // the family member now: the walk goes on from there with the same profile
    const { result: after, resultPath } = await walk({ ...VOLUNTEER, applicant: 'family_member' }, submit(page.text, 'family_member'));
    const eligible = visibleText((after.text.split('aria-labelledby="group-eligible"')[1] ?? '').split('</section>')[0]!);
    expect(eligible).toContain('Кредитные каникулы для членов семьи');
    expect(eligible).not.toContain('Кредитные каникулы для участника СВО');
    expect(new URL(resultPath, app.url).searchParams.get('applicant')).toBe('family_member');
  });

  it('shows a bad value in the URL at its question, with a Russian message next to the field', async () => {
    const cases: [string, string, string][] = [
      ['status=bogus', 'status', 'Выберите один из предложенных вариантов ответа.'],
      ['status=volunteer&status=none', 'status', 'В адресе страницы два ответа на этот вопрос. Ответьте на него ещё раз.'],
      ['status=volunteer&answered=applicant', 'applicant', 'Выберите один из вариантов.'],
      ['status=volunteer&applicant=serviceman&is_employed=nope', 'is_employed', 'Ответьте «да» или «нет».'],
    ];
    for (const [query, v, message] of cases) {
      const r = await get(`/navigator/questions?${query}`);
      expect(r.status, query).toBe(400);
      expect(asked(r.text), query).toBe(v);
      expect(r.text).toContain(`<p class="error-message" id="f-${v}-error"><span class="visually-hidden">Ошибка: </span>${message}</p>`);
      expect(r.text).toContain('aria-invalid="true"');
      expect(r.text).toContain(`<a href="#f-${v}">${message}</a>`);
      expect(r.text).toMatch(/<title>Ошибка: /);
    }
    expect(await htmlProblems((await get('/navigator/questions?status=bogus')).text)).toEqual([]);

    // a number: what was typed comes back in the box (escaped), with the range
    const upTo = async (answers: Record<string, string>, stopAt: string) => {
      let path = '/navigator/questions';
      for (;;) {
        const r = await get(path);
        if (asked(r.text) === stopAt) return r;
        path = submit(r.text, answers[asked(r.text)!]!);
      }
    };
    const agePage = await upTo(VOLUNTEER, 'age');
    for (const [typed, message] of [
      ['-3', 'Введите число не меньше 0.'],
      ['два<b>', 'Введите целое число не меньше 0, цифрами.'],
    ] as const) {
      const r = await get(submit(agePage.text, typed));
      expect(r.status).toBe(400);
      expect(asked(r.text)).toBe('age');
      expect(visibleText(r.text)).toContain(message);
      expect(r.text).toContain(`value="${typed.replace('<', '&lt;').replace('>', '&gt;')}"`);
      expect(r.text).toContain('aria-invalid="true"');
    }
    // a result asked for before its time, or with a bad value: the question page says why
    const early = await get('/navigator/result?status=volunteer');
    expect(early.status).toBe(303);
    expect(early.headers.get('location')).toBe('/navigator/questions?status=volunteer');
  });

  it('keeps nothing: no row written to any table but the usage counts, no answer anywhere, none in the log', async () => {
    const tables = async () => {
      const names = (
        await app.db.query<{ t: string }>(
          `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
        )
      ).rows
        .map((r) => r.t)
        // (counts of questions shown and answered, by day and region: usage.ts; checked below)
        .filter((t) => t !== 'public.nv_usage');
      const counts: Record<string, number> = {};
      for (const t of names) counts[t] = Number((await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
      return counts;
    };
    const before = await tables();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    lines.length = 0;
    await walk(VOLUNTEER);
    await get('/navigator/questions?status=volunteer&is_pregnant=maybe');
    expect(await tables()).toEqual(before);
    // the counts name questions and measures, never an answer
    await app.services.navigatorUsage.flush();
    const keys = (await app.db.query<{ kind: string; key: string }>('SELECT kind, key FROM nv_usage')).rows;
    const names = new Set<string>(['', ...app.services.navigator.catalog.questions.map((q) => q.var), ...app.services.navigator.catalog.measures.map((m) => m.id)]);
    expect(keys.map((k) => k.key)).toContain('is_injured');
    expect(keys.filter((k) => !names.has(k.key))).toEqual([]);
    const logged = lines.join('\n');
    expect(logged).toContain('/navigator/questions?[redacted]');
    expect(logged).toContain('/navigator/result?[redacted]');
    for (const word of ['volunteer', 'is_injured', 'serviceman', 'is_pregnant', 'maybe']) expect(logged).not.toContain(word);
  });
});
