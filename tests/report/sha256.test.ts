import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cspHash, sha256Hex } from '../../src/report/sha256.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with Node crypto across block boundaries and UTF-8 text', () => {
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const text = 'äx€'.repeat(n).slice(0, n);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('gives CSP hash sources the browser accepts (standard base64 with padding)', () => {
    const text = 'body { color: red }';
    expect(cspHash(text)).toBe(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  });
});
