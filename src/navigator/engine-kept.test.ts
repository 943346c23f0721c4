// What the engine keeps between steps (the places on the wizard's way, each measure's results) never
// changes an answer: step after step, in any order, a navigator that keeps them gives what a fresh
// one gives, also when it has kept too many and starts afresh.
import { describe, expect, it } from 'vitest';
import { readDemoNavigator } from './demo-data.ts';
import { Navigator, type Answers } from './engine.ts';

/** Walks answering each question asked with each of its values in turn (numbers: a few). */
function walks(nav: Navigator, count: number): Answers[] {
  const out: Answers[] = [];
  for (let w = 0; w < count; w++) {
    const answers: Answers = {};
    for (let n = 0; ; n++) {
      out.push({ ...answers });
      const q = nav.step(answers).next;
      if (!q) break;
      const k = w * 7 + n;
      answers[q.var] = q.type === 'choice' ? q.options![k % q.options!.length]!.value : q.type === 'boolean' ? k % 3 === 0 : [0, 3, 15, 16, 30][k % 5]!;
    }
  }
  return out;
}

const plain = (s: ReturnType<Navigator['step']>) => JSON.parse(JSON.stringify(s)) as unknown;

describe('what the engine keeps', () => {
  const catalog = readDemoNavigator();
  const profiles = walks(new Navigator(catalog), 40);

  it('changes no step: the same as a fresh navigator’s, in any order, again and again', () => {
    const kept = new Navigator(catalog);
    const order = [...profiles, ...[...profiles].reverse(), ...profiles.filter((_, i) => i % 3 === 0)];
    for (const p of order) expect(plain(kept.step(p)), JSON.stringify(p)).toEqual(plain(new Navigator(catalog).step(p)));
  });

  it('nor when it has kept too many places and results and starts afresh', () => {
    const kept = new Navigator(catalog);
    // (few enough to be let go many times over these profiles)
    Object.assign(kept, { maxPlaces: 5, maxResults: 40 });
    for (const p of [...profiles, ...profiles]) expect(plain(kept.step(p)), JSON.stringify(p)).toEqual(plain(new Navigator(catalog).step(p)));
  });
});
