import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, DEMO_MAIL_FROM, loadConfig } from './config.ts';
import fs from 'node:fs';

describe('configuration', () => {
  it('runs on embedded PGlite in ./data on port 8122 by default', () => {
    const c = loadConfig({}, '/srv/otvet');
    expect(c.port).toBe(8122);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/srv/otvet/data' });
    expect(c.login.maxFailures).toBe(10);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/otvet', DATABASE_POOL_SIZE: '20', OTVET_SECRET_KEY: key });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/otvet', poolSize: 20 });
    expect(c.secretKey).toEqual(Buffer.alloc(32, 7));
  });

  it('needs the secret key with PostgreSQL, and a strong one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/otvet' })).toThrow(/OTVET_SECRET_KEY is required when DATABASE_URL is set/);
    expect(() => loadConfig({ OTVET_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/OTVET_SECRET_KEY="c2hvcnQ=": must be at least 32 random bytes/);
  });

  it('names every bad variable, one message each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', TRUST_PROXY: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT="eighty"'))).toMatch(/whole number/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL="loud"'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DATABASE_URL="mysql://x"'))).toMatch(/postgres:\/\//);
    expect(problems.find((p) => p.startsWith('TRUST_PROXY="maybe"'))).toMatch(/not an IP address or network/);
  });

  it('TRUST_PROXY: a number of proxies or their addresses, never "trust any X-Forwarded-For"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual({ addresses: ['10.0.0.5', '10.1.0.0/16', '::1'] });
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY="true": "true" would believe any X-Forwarded-For.*number of proxies in front \(e\.g\. 1\) or their addresses/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.300' })).toThrow(/TRUST_PROXY="10.0.0.300": "10.0.0.300": not an IP address or network/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an IP address or network/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/from 0 to 10/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": must be at most 65535/);
  });

  it('OTVET_OPEN311_JURISDICTION: PUBLIC_URL’s host unless set; an id of latin letters, digits, dots and hyphens', () => {
    expect(loadConfig({}).open311.jurisdiction).toBe('localhost');
    expect(loadConfig({ PUBLIC_URL: 'https://122.Example.ru:8443/portal/' }).open311.jurisdiction).toBe('122.example.ru');
    expect(loadConfig({ PUBLIC_URL: 'http://[::1]:8122' }).open311.jurisdiction).toBe('::1');
    expect(loadConfig({ PUBLIC_URL: 'https://122.example.ru', OTVET_OPEN311_JURISDICTION: ' Moscow.122.example.ru ' }).open311.jurisdiction).toBe('moscow.122.example.ru');
    for (const bad of ['city gov', 'https://122.example.ru', '-otvet', 'otvet.', 'a/b', 'x'.repeat(101)])
      expect(() => loadConfig({ OTVET_OPEN311_JURISDICTION: bad }), bad).toThrow(/OTVET_OPEN311_JURISDICTION=".*": must be an id such as 122\.example\.ru/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('pglite');
  });

  it('hashes passwords at scrypt cost 15 (N = 2^15) unless told otherwise; never lower outside tests', () => {
    expect(loadConfig({}).passwordHashCost).toBe(15);
    expect(loadConfig({ PASSWORD_HASH_COST: '16' }).passwordHashCost).toBe(16);
    // a low cost only makes the test suite fast; anywhere else it is refused at start-up
    expect(() => loadConfig({ PASSWORD_HASH_COST: '4' })).toThrow(/PASSWORD_HASH_COST="4": below 15 only in tests \(NODE_ENV=test\)/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '4', NODE_ENV: 'production' })).toThrow(/below 15 only in tests/);
    expect(loadConfig({ PASSWORD_HASH_COST: '4', NODE_ENV: 'test' }).passwordHashCost).toBe(4);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '17' })).toThrow(/PASSWORD_HASH_COST="17": must be at most 16/);
  });

  it('SIP_REALM: "otvet" unless set; a realm a digest challenge can carry as it is', () => {
    expect(loadConfig({}).sipRealm).toBe('otvet');
    expect(loadConfig({ SIP_REALM: ' sip.122.example.ru ' }).sipRealm).toBe('sip.122.example.ru');
    for (const bad of ['otvet"', 'a:b', 'two words', '-otvet', 'x'.repeat(101)]) expect(() => loadConfig({ SIP_REALM: bad }), bad).toThrow(/SIP_REALM=".*": must be a realm such as otvet/);
  });

  it('SIP_WS_URL: unset unless set; a ws:// or wss:// URL', () => {
    expect(loadConfig({}).sipWsUrl).toBeUndefined();
    expect(loadConfig({ SIP_WS_URL: ' wss://sip.122.example.ru:8443/ws ' }).sipWsUrl).toBe('wss://sip.122.example.ru:8443/ws');
    expect(loadConfig({ SIP_WS_URL: 'ws://127.0.0.1:5066' }).sipWsUrl).toBe('ws://127.0.0.1:5066');
    for (const bad of ['https://sip.example.ru', 'sip:edge.example.ru', 'edge.example.ru:8443', 'wss://'])
      expect(() => loadConfig({ SIP_WS_URL: bad }), bad).toThrow(/SIP_WS_URL=".*": must be a ws:\/\/ or wss:\/\/ URL/);
  });

  it('SMTP_URL and MAIL_FROM: no SMTP server unless set; smtp:// or smtps:// (its password never repeated), with a From', () => {
    expect(loadConfig({}).mail).toEqual({ from: DEMO_MAIL_FROM });
    const from = 'Горячая линия 122 <noreply@122.example.ru>';
    expect(loadConfig({ SMTP_URL: ' smtps://otvet:s3cret@smtp.example.ru:465 ', MAIL_FROM: from }).mail).toEqual({ smtpUrl: 'smtps://otvet:s3cret@smtp.example.ru:465', from });
    expect(loadConfig({ SMTP_URL: 'smtp://smtp.example.ru:587', MAIL_FROM: 'noreply@122.example.ru' }).mail.from).toBe('noreply@122.example.ru');
    expect(() => loadConfig({ SMTP_URL: 'smtps://smtp.example.ru' })).toThrow(/MAIL_FROM is required when SMTP_URL is set/);
    for (const bad of ['https://otvet:s3cret@smtp.example.ru', 'smtp.example.ru:25', 'smtps://otvet:s3cret@']) {
      expect(() => loadConfig({ SMTP_URL: bad, MAIL_FROM: from }), bad).toThrow(/SMTP_URL=\(\d+ characters, not shown\): must be a URL like smtps:\/\//);
      expect(() => loadConfig({ SMTP_URL: bad, MAIL_FROM: from }), bad).not.toThrow(/s3cret/);
    }
    for (const bad of ['noreply', 'no reply@122.example.ru', 'Горячая линия <noreply@122.example.ru', 'noreply@localhost', 'a\nb <noreply@122.example.ru>'])
      expect(() => loadConfig({ MAIL_FROM: bad }), bad).toThrow(/MAIL_FROM=".*": must be an address such as noreply@122\.example\.ru/);
  });

  it('documents every variable in .env.example', () => {
    const example = fs.readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const name of configVariables) expect(example, name).toMatch(new RegExp(`^# .+\\n${name}=`, 'm'));
  });
});
