// The admin app's sentences for the API's length limits: the count of characters agrees with its
// number («не короче 1 знака», «не длиннее 5 знаков»).
import { describe, expect, it } from 'vitest';
import { explain } from '../web/admin/problems.ts';

describe('admin app: a length limit in words', () => {
  it('says the characters in the form their number takes', () => {
    expect(explain('Too small: expected string to have >=2 characters')).toBe('Не короче 2 знаков.');
    expect(explain('Too big: expected string to have <=21 characters')).toBe('Не длиннее 21 знака.');
    expect(explain('Too big: expected string to have <=200 characters')).toBe('Не длиннее 200 знаков.');
  });
});
