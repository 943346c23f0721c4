// The HA1s checked the way a registrar uses them: the responses of the RFCs' own worked examples.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestHa1 } from './sip-digest.ts';

const h = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s, 'utf8').digest('hex');

describe('digestHa1', () => {
  it('is RFC 2617’s HA1 for MD5', () => {
    expect(digestHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life').md5).toBe('939e7578ed9e3c518a452acee763bce9');
  });

  it('gives the responses of RFC 7616’s example (section 3.9.1), SHA-256 and MD5', () => {
    const ha1 = digestHa1('Mufasa', 'http-auth@example.org', 'Circle of Life');
    const nonce = '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v';
    const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
    const response = (alg: 'md5' | 'sha256', ha1hex: string) => h(alg, `${ha1hex}:${nonce}:00000001:${cnonce}:auth:${h(alg, 'GET:/dir/index.html')}`);
    expect(response('sha256', ha1.sha256)).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(response('md5', ha1.md5)).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('hashes the text as UTF-8', () => {
    expect(digestHa1('ivanova', 'otvet', 'пароль-телефона').sha256).toBe(h('sha256', 'ivanova:otvet:пароль-телефона'));
  });
});
