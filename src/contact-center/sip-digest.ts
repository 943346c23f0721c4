// Digest authentication's HA1, H(username:realm:password) (RFC 2617, RFC 7616): what a SIP
// registrar needs to check a phone's answer to its challenge, so otvet never keeps the password.
// SHA-256 for SIP (RFC 8760) and MD5, which older phones still only speak.
import { createHash } from 'node:crypto';

export interface DigestHa1 {
  md5: string;
  sha256: string;
}

export function digestHa1(username: string, realm: string, password: string): DigestHa1 {
  const a1 = `${username}:${realm}:${password}`;
  return { md5: createHash('md5').update(a1, 'utf8').digest('hex'), sha256: createHash('sha256').update(a1, 'utf8').digest('hex') };
}
