// bench:navigator's baseline is honest: its naive engine gives the real engine's truths, next
// question and path on the bench's profiles (demo catalogue and a scaled one), and the check that
// says so does notice a difference. The scaled catalogue is what the bench claims: valid, the
// measures copied with rules of their own.
import { describe, expect, it } from 'vitest';
import { Navigator, readDemoNavigator, type NavigatorCatalog } from '../src/navigator/index.ts';
import { scaledCatalog, walkProfiles } from '../bench/navigator-data.ts';
import { disagreement, NaiveNavigator } from '../bench/navigator-naive.ts';

function disagreements(catalog: NavigatorCatalog, walks: number) {
  const nav = new Navigator(catalog);
  const naive = new NaiveNavigator(catalog);
  const profiles = walkProfiles(nav, walks, 3);
  return { profiles, found: profiles.map((p) => disagreement(nav.step(p), naive.step(p), catalog)).filter((d) => d !== null) };
}

describe('bench:navigator', () => {
  it('the naive engine agrees with the real one on every profile of walks through the demo catalogue', () => {
    const { profiles, found } = disagreements(readDemoNavigator(), 30);
    expect(profiles.length).toBeGreaterThan(200);
    // (the walks reach the end: some profile has no next question, and many questions get asked)
    const nav = new Navigator(readDemoNavigator());
    expect(profiles.some((p) => nav.step(p).next === null)).toBe(true);
    expect(new Set(profiles.flatMap((p) => Object.keys(p))).size).toBeGreaterThan(12);
    expect(found).toEqual([]);
  });

  it('and on a scaled catalogue, whose copies have rules of their own', () => {
    const { profiles, found } = disagreements(scaledCatalog(4), 8);
    expect(profiles.length).toBeGreaterThan(30);
    expect(found).toEqual([]);
  });

  it('notices when the engines differ', () => {
    const catalog = readDemoNavigator();
    const nav = new Navigator(catalog);
    // the naive engine over a catalogue with one rule turned round
    const changed: NavigatorCatalog = { ...catalog, measures: catalog.measures.map((m, i) => (i === 0 ? { ...m, eligibility: { not: m.eligibility } } : m)) };
    const naive = new NaiveNavigator(changed);
    expect(disagreement(nav.step({ status: 'mobilized' }), naive.step({ status: 'mobilized' }), catalog)).toMatch(/^sm-federal-lump-sum: real sm-federal-lump-sum yes, naive no/);
    // a next question or a path that differs
    const same = new NaiveNavigator(catalog).step({ status: 'mobilized' });
    const real = nav.step({ status: 'mobilized' });
    expect(disagreement(real, same, catalog)).toBeNull();
    expect(disagreement(real, { ...same, next: 'nothing' }, catalog)).toMatch(/^next question: real \w+, naive nothing/);
    expect(disagreement(real, { ...same, asked: [] }, catalog)).toMatch(/^asked/);
  });

  it('scales the demo catalogue 50 times into valid measures with ids and rules of their own', () => {
    const demo = readDemoNavigator();
    const large = scaledCatalog(50);
    expect(large.measures.length).toBe(demo.measures.length * 50);
    expect(new Set(large.measures.map((m) => m.id)).size).toBe(large.measures.length);
    const rules = new Set(large.measures.map((m) => JSON.stringify(m.eligibility)));
    expect(rules.size).toBeGreaterThan(large.measures.length * 0.95);
    expect(scaledCatalog(50)).toEqual(large); // (the same in every run)
  });
});
