// The admin app's accounts' sections without a browser: the addresses of the sections, every role
// in words, and the API's messages about an account turned into sentences.
import { describe, expect, it } from 'vitest';
import { roles as apiRoles } from '../src/platform/access/principal.ts';
import { roleName, roles } from '../web/admin/codes.ts';
import { explain } from '../web/admin/problems.ts';
import { href, parse } from '../web/admin/route.ts';

describe('admin app: users, tokens and the log', () => {
  it('has an address for each section, and «Обращения» keeps its tabs', () => {
    for (const section of ['users', 'tokens', 'audit'] as const) {
      expect(href({ section, tab: 'types' })).toBe(`#${section}`);
      expect(parse(`#${section}`).section).toBe(section);
    }
    expect(parse('#appeals/routes')).toEqual({ section: 'appeals', tab: 'routes' });
    expect(parse('#nowhere')).toEqual({ section: 'appeals', tab: 'types' });
  });

  it('names every role in words, and an unknown one as it came', () => {
    expect(apiRoles.filter((r) => !roles[r] || roles[r] === r)).toEqual([]);
    expect(roleName('agency_officer')).toBe('Сотрудник ведомства');
    expect(roleName('robot')).toBe('robot');
  });

  it('says what is wrong with a login and a region in Russian', () => {
    expect(explain('3–64 characters: Latin letters, digits, dot, dash or underscore, starting with a letter or digit')).toMatch(/^От 3 до 64 знаков/);
    expect(explain('a two-digit region code (e.g. 77) or "federal"')).toMatch(/^Код региона из двух цифр/);
    expect(explain('unknown region code')).toBe('Такого региона нет в справочнике.');
    expect(explain('Invalid option: expected one of "operator"|"admin"')).toBe('Выберите из списка.');
  });
});
