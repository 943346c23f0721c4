import { describe, expect, it } from 'vitest';
import { md5Only } from './phone-auth.ts';

describe('md5Only', () => {
  it('is true for baresip before 3.12 only', () => {
    expect(md5Only('baresip v1.0.0 (x86_64/linux)')).toBe(true);
    expect(md5Only('baresip v3.11.0 (arm64/darwin)')).toBe(true);
    expect(md5Only('baresip v3.12.0 (x86_64/linux)')).toBe(false);
    expect(md5Only('baresip v4.0.0 (x86_64/linux)')).toBe(false);
    expect(md5Only('Linphone/5.2')).toBe(false);
    expect(md5Only(undefined)).toBe(false);
  });
});
