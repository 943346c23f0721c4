import { describe, expect, it } from 'vitest';
import { formatDemoBanner } from './banner.ts';
import { demoAccounts } from './seed.ts';

const url = 'http://localhost:8122';
const withPasswords = demoAccounts.map((a, i) => ({ ...a, password: `pass${i}-abcde-fghij-klmn` }));

describe('the demo start banner', () => {
  it('names the portal, the staff page and each app with the accounts that open it', () => {
    const out = formatDemoBanner(url, withPasswords);
    expect(out).toMatch(/^ {2}Portal for citizens +http:\/\/localhost:8122\/$/m);
    expect(out).toMatch(/^ {2}Staff: sign in here +http:\/\/localhost:8122\/staff +any account/m);
    expect(out).toMatch(/^ {2}Operator workstation +http:\/\/localhost:8122\/operator +operator-77, supervisor-77, operator-78, supervisor-78$/m);
    expect(out).toMatch(/^ {2}Agency officers +http:\/\/localhost:8122\/agency +agency-77$/m);
    expect(out).toMatch(/^ {2}Administration +http:\/\/localhost:8122\/admin +admin$/m);
    expect(out).toMatch(/^ {2}Knowledge base editors +http:\/\/localhost:8122\/editor +editor, coordinator$/m);
    expect(out).toMatch(/^ {2}API documentation +http:\/\/localhost:8122\/api\/docs +any account$/m);
    // and how to see a call arrive within a minute
    expect(out).toContain('«Тестовый звонок»');
  });

  it('lines the addresses up in columns, and the accounts with their passwords', () => {
    const out = formatDemoBanner(url, withPasswords);
    const lines = out.split('\n');
    const column = (l: string) => l.indexOf('http://');
    // (the table's rows: a name, then two spaces or more before the address)
    const addressLines = lines.filter((l) => / {2}http:\/\//.test(l));
    expect(addressLines).toHaveLength(10);
    expect(new Set(addressLines.map(column)).size).toBe(1);
    const rows = lines.filter((l) => / pass\d/.test(l));
    expect(rows).toHaveLength(demoAccounts.length);
    expect(new Set(rows.map((l) => l.indexOf(' pass'))).size).toBe(1);
    expect(out).toContain('  admin           pass7-abcde-fghij-klmn   admin, federal');
    expect(out).toContain('the passwords are shown this once');
  });

  it('on a later start, gives the addresses again but no passwords', () => {
    const out = formatDemoBanner(url, demoAccounts);
    expect(out).toContain(`${url}/staff`);
    expect(out).not.toMatch(/pass\d/);
    expect(out).not.toContain('Demo accounts (');
    expect(out).toContain('their passwords were printed at the first start');
  });
});
