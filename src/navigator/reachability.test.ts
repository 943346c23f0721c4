// reachability on the demo catalogue (every question asked on some path, every measure granted on
// one and refused on another) and on a small catalogue with mistakes it must name: a question no
// rule uses, one a tautology makes pointless, a measure no answers grant, one no answers refuse.
// Every path it gives is replayed through the engine.
import { describe, expect, it } from 'vitest';
import { parseCatalog, type NavigatorCatalog } from './catalog-schema.ts';
import { readDemoNavigator } from './demo-data.ts';
import { Navigator } from './engine.ts';
import { reachability, unreachable, type Reachability } from './reachability.ts';

/** Each path the report gives does what it says, replayed from no answers. */
function replay(catalog: NavigatorCatalog, report: Reachability): void {
  const nav = new Navigator(catalog);
  for (const q of report.questions) {
    if (!q.path) continue;
    const s = nav.step(q.path);
    expect(s.asked, q.var).toEqual(Object.keys(q.path));
    expect(s.next?.var, q.var).toBe(q.var);
  }
  for (const m of report.measures)
    for (const [want, path] of [
      ['yes', m.yes],
      ['no', m.no],
    ] as const) {
      if (!path) continue;
      const s = nav.step(path);
      expect(s.asked, `${m.id} ${want}`).toEqual(Object.keys(path));
      expect(s.next, `${m.id} ${want}`).toBeNull();
      expect(s.results.find((r) => r.id === m.id)?.truth, `${m.id} ${want}`).toBe(want);
    }
}

describe('reachability of the demo catalogue', () => {
  const demo = readDemoNavigator();
  const report = reachability(demo);

  it('asks every question on some path, and ends every measure both yes and no on some path', () => {
    expect(report.questions).toHaveLength(20);
    expect(report.measures).toHaveLength(30);
    expect(unreachable(report)).toEqual({ questions: [], neverYes: [], neverNo: [] });
  });

  it('gives paths that do what they say', () => {
    replay(demo, report);
  });
});

describe('reachability of a catalogue with mistakes', () => {
  const bool = (name: string) => ({ var: name, question: `Вопрос ${name}?`, type: 'boolean' });
  const measure = (id: string, eligibility: unknown) => ({ id, title: id, summary: 'Мера.', provider: 'Фонд', category: 'выплаты', eligibility, how_to_apply: 'Заявление.' });
  const catalog = parseCatalog(
    [
      {
        var: 'a',
        question: 'Вопрос a?',
        type: 'choice',
        options: ['x', 'y', 'z'].map((value) => ({ value, label: value })),
      },
      bool('b'),
      bool('c'),
      bool('orphan'),
      bool('shadowed'),
      { var: 'kids', question: 'Сколько детей?', type: 'number', max: 20 },
    ],
    [
      // a cannot be x and y at once
      measure('m-never', {
        all: [
          { var: 'a', eq: 'x' },
          { var: 'a', eq: 'y' },
        ],
      }),
      // b is true or false: settled yes by b whatever it is
      measure('m-always', {
        any: [
          { var: 'b', eq: true },
          { var: 'b', eq: false },
        ],
      }),
      measure('m-kids', {
        all: [
          { var: 'a', eq: 'x' },
          { var: 'b', eq: true },
          { var: 'kids', gte: 3 },
        ],
      }),
      // c settles it either way before shadowed's turn (the order), so shadowed is never asked
      measure('m-shadow', { any: [{ var: 'c', eq: true }, { not: { var: 'c', eq: true } }, { var: 'shadowed', eq: true }] }),
    ],
  );
  const report = reachability(catalog);

  it('names the question no rule uses, the question never reached, the measure never granted and those never refused', () => {
    expect(unreachable(report)).toEqual({ questions: ['orphan', 'shadowed'], neverYes: ['m-never'], neverNo: ['m-always', 'm-shadow'] });
  });

  it('finds the rest, with paths that do what they say (a number answer past the threshold)', () => {
    replay(catalog, report);
    const kids = report.measures.find((m) => m.id === 'm-kids')!;
    expect(kids.yes).toMatchObject({ a: 'x', b: true });
    expect(kids.yes!.kids).toBeGreaterThanOrEqual(3);
  });

  it('finds the shadowed question once the order puts it before the question that shadows it', () => {
    const reordered = { ...catalog, order: ['a', 'b', 'shadowed', 'c', 'orphan', 'kids'] };
    const r = reachability(reordered);
    expect(unreachable(r).questions).toEqual(['orphan']);
    replay(reordered, r);
  });

  it('gives up, saying so, rather than search past its step budget', () => {
    expect(() => reachability(catalog, 3)).toThrow(/gave up after 3 steps/);
  });
});
