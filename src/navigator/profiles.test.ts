// The YAML profiles of navigator/tests/ on the demo catalogue: each file read and checked (a broken
// one fails with its name and paths); each person walked through the wizard, answering only what it
// asks; the results against the caseworker's expectations; every measure granted and refused by
// some profile; and no walk longer than the fewest of the person's answers that settle every
// measure the same way (minimum.ts), but for the excess stated below with its reason.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDemoNavigator } from './demo-data.ts';
import { Navigator, type Answers } from './engine.ts';
import { smallestAnswers } from './minimum.ts';
import { expectedAndActual, readProfiles, walkProfile, type Profile } from './profiles.ts';

const dir = fileURLToPath(new URL('../../navigator/tests/', import.meta.url));
const catalog = readDemoNavigator();
const nav = new Navigator(catalog);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const read = files.map((file) => ({ file, ...readProfiles(`navigator/tests/${file}`, fs.readFileSync(dir + file, 'utf8'), catalog) }));
const all = read.flatMap(({ file, profiles }) => profiles.map((profile) => ({ file, profile })));
const known = (p: Profile): Answers => Object.fromEntries(Object.entries(p.answers).filter((e): e is [string, string | number | boolean] => e[1] !== null));

describe('the profiles’ files', () => {
  it('are there, one or more', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(read)('$file is well formed and names only questions and measures of the catalogue', ({ problems }) => {
    expect(problems).toEqual([]);
  });

  it('a broken file is refused with its name and the path of every problem', () => {
    const bad = (text: string) => readProfiles('navigator/tests/bad.yaml', text, catalog);
    const wrong = bad(`
- name: Ошибки
  answers: { status: retired, age: -3, is_injured: "да", shoe_size: 42 }
  eligible: [sm-nope]
  not_eligible: [sm-federal-lump-sum]
  open: [sm-federal-lump-sum]
- name: Ошибки
  answers: {}
`);
    expect(wrong.profiles).toEqual([]);
    expect(wrong.problems).toEqual([
      { file: 'navigator/tests/bad.yaml', path: '0.answers.status', message: 'not one of the options mobilized, volunteer, contract, none' },
      { file: 'navigator/tests/bad.yaml', path: '0.answers.age', message: 'a whole number from 0' },
      { file: 'navigator/tests/bad.yaml', path: '0.answers.is_injured', message: 'a yes-or-no question: true or false' },
      { file: 'navigator/tests/bad.yaml', path: '0.answers.shoe_size', message: 'no such question' },
      { file: 'navigator/tests/bad.yaml', path: '0.eligible.0', message: 'no such measure sm-nope' },
      { file: 'navigator/tests/bad.yaml', path: '0.open.0', message: 'sm-federal-lump-sum is already expected in not_eligible' },
      { file: 'navigator/tests/bad.yaml', path: '1.name', message: 'the name "Ошибки" is used twice in the file' },
    ]);
    const shape = bad('- name: Без ответов\n  answer: { status: none }\n  eligible: sm-social-contract\n');
    expect(shape.problems.map((p) => `${p.file} ${p.path}`).sort()).toEqual(['navigator/tests/bad.yaml 0', 'navigator/tests/bad.yaml 0.answers', 'navigator/tests/bad.yaml 0.eligible']);
    expect(bad('- name: [не закрыта\n').problems).toMatchObject([{ file: 'navigator/tests/bad.yaml', path: expect.stringMatching(/^line \d+$/) }]);
  });

  it('a walk says which question the profile does not answer', () => {
    const walk = walkProfile(nav, { name: 'Только статус', answers: { status: 'mobilized' }, eligible: [], not_eligible: [], open: [] });
    expect(walk.asked).toEqual(['status']);
    expect(walk.missing).toBeDefined();
    expect(walk.missing).not.toBe('status');
  });
});

for (const { file, profiles } of read.filter((r) => r.profiles.length))
  describe(file, () => {
    for (const p of profiles)
      it(p.name, () => {
        const walk = walkProfile(nav, p);
        const q = walk.missing && nav.question(walk.missing);
        expect(walk.missing, `the wizard asks ${walk.missing} («${q ? q.question : ''}»), which the profile does not answer`).toBeUndefined();
        // only a person who does not know an answer leaves measures open
        if (!p.open.length) expect(walk.unknown, `the wizard stopped at ${walk.unknown}, which the person does not know`).toBeUndefined();
        expect(Object.keys(known(p))).toEqual(expect.arrayContaining(walk.asked));
        const { expected, actual } = expectedAndActual(p, walk);
        expect(actual).toEqual(expected);
      });
  });

describe('the profiles between them', () => {
  it('leave no stale entry among the known excesses', () => {
    const names = new Set(all.map(({ file, profile }) => `${file} › ${profile.name}`));
    // a broken file's profiles are not read (its own test fails); its entries are not called stale
    const broken = read.filter((r) => r.problems.length).map((r) => `${r.file} › `);
    expect(Object.keys(knownExcess).filter((k) => !names.has(k) && !broken.some((b) => k.startsWith(b)))).toEqual([]);
  });

  it('grant every measure of the catalogue at least once and refuse it at least once', () => {
    const granted = new Set(all.flatMap(({ profile }) => profile.eligible));
    const refused = new Set(all.flatMap(({ profile }) => profile.not_eligible));
    const ids = catalog.measures.map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect({ neverGranted: ids.filter((id) => !granted.has(id)), neverRefused: ids.filter((id) => !refused.has(id)) }).toEqual({ neverGranted: [], neverRefused: [] });
  });
});

/**
 * Walks longer than the fewest answers that settle every measure: file › profile, the excess and
 * why. The fewest are chosen knowing every answer beforehand, which the wizard cannot. Each entry
 * is exact: a walk that gets shorter fails too, so the list stays true.
 */
// has_mortgage first (the order), and a «нет» to income_drop_30 alone refuses the mortgage holidays
const MORTGAGE = 'has_mortgage asked, income_drop_30 «нет» alone refuses';
const knownExcess: Record<string, [excess: number, why: string]> = {
  'deferments.yaml › Программист аккредитованной ИТ-компании, 28 лет': [1, MORTGAGE],
  // has_children_under_18 before is_pregnant (the order): either «да» grants the unified benefit
  'families.yaml › Беременная, не работает, доход ниже прожиточного минимума, детей пока нет': [1, 'has_children_under_18 asked, is_pregnant «да» alone grants'],
  'housing.yaml › Ипотека есть, доход не снизился': [1, MORTGAGE],
};

describe('no walk is longer than the fewest answers that settle every measure', () => {
  for (const { file, profile } of all.filter(({ profile }) => !Object.values(profile.answers).includes(null)))
    it(`${file} › ${profile.name}`, () => {
      const walk = walkProfile(nav, profile);
      const fewest = smallestAnswers(catalog, known(profile), walk.results);
      const [excess, why] = knownExcess[`${file} › ${profile.name}`] ?? [0, 'none known'];
      expect(walk.asked.length, `asked ${walk.asked.join(', ')}; enough: ${fewest.join(', ')}; known excess ${excess} (${why})`).toBe(fewest.length + excess);
    });
});
