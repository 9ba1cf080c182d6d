import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cspHash } from '../../src/report/escape.ts';
import { Cyrb53, cyrb53, sha256Hex } from '../../src/shared/hash.ts';

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

describe('cyrb53', () => {
  it('pins the digest of a known string, so a change to the cell signatures shows', () => {
    // bryc's reference implementation: cyrb53('a') = 7929297801672961 = "265gy5j3wy9" in base 36.
    expect(cyrb53('a')).toBe((7929297801672961).toString(36));
  });

  it('the streaming form gives the same digest as the string form, and a seed changes it', () => {
    const text = 'region\u0001week\u0001units';
    expect(new Cyrb53().text(text).digest()).toBe(cyrb53(text));
    expect(cyrb53(text, 1)).not.toBe(cyrb53(text));
    expect(new Cyrb53().int(1).int(2).digest()).not.toBe(new Cyrb53().int(2).int(1).digest());
  });
});
