import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_SHARE_URL_LENGTH,
  ShareLinkError,
  buildShareUrl,
  decodeShareState,
  encodeShareState,
  isShareFragment,
} from '../../src/report/share.ts';
import { bytesToBase64 } from '../../src/shared/base64.ts';

const SOURCE = '---\ntitle: Nano vs mega\nparams:\n  budgetEur: { type: number, default: 50000 }\n---\n\n# Hello\n\nSome text with ümlauts and </script>.\n';

function problemOf(fn: () => unknown): { problem: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ShareLinkError) return { problem: err.problem, message: err.message };
    throw err;
  }
  throw new Error('expected a ShareLinkError');
}

function fragmentOf(body: unknown, version = 1): string {
  return `nb=${version}.${bytesToBase64(deflateSync(strToU8(JSON.stringify(body))), { url: true })}`;
}

describe('share link codec', () => {
  it('round-trips the notebook text and parameters exactly', () => {
    const state = { source: SOURCE, params: { budgetEur: 75000, tier: 'nano', tiers: [{ share: 0.5 }], on: true }, shippedName: 'nano-vs-mega', locale: 'de' as const };
    const fragment = encodeShareState(state);
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(fragment).toMatch(/^nb=1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareState(`#${fragment}`)).toEqual(state);
    expect(decodeShareState(`https://example.org/app/?x=1#${fragment}`)).toEqual(state);
  });

  it('refuses garbage with a message that says the link is damaged', () => {
    expect(problemOf(() => decodeShareState('#hello')).message).toMatch(/not a Nanolift share link/);
    expect(problemOf(() => decodeShareState('#nb=1.!!!!')).message).toMatch(/damaged/);
    expect(problemOf(() => decodeShareState('#nb=1.AAAAAAAA')).message).toMatch(/does not unpack/);
    expect(problemOf(() => decodeShareState('#nb=x.AAAA')).problem).toBe('garbage');
    expect(problemOf(() => decodeShareState(`#${fragmentOf([1, 2])}`)).message).toMatch(/holds no notebook/);
    expect(problemOf(() => decodeShareState(`#${fragmentOf({ v: 1, source: '' })}`)).message).toMatch(/no notebook text/);
    const cut = encodeShareState({ source: SOURCE, params: {} });
    expect(problemOf(() => decodeShareState(cut.slice(0, cut.length - 12))).problem).toBe('garbage');
  });

  it('refuses other format versions and says which', () => {
    const newer = problemOf(() => decodeShareState(fragmentOf({ v: 2, source: SOURCE }, 2)));
    expect(newer.problem).toBe('version');
    expect(newer.message).toMatch(/newer Nanolift \(link format 2\)/);
    expect(problemOf(() => decodeShareState(fragmentOf({ v: 7, source: SOURCE }, 1))).problem).toBe('version');
  });

  it('refuses links over the length limit and deflate bombs', () => {
    expect(problemOf(() => decodeShareState(`#nb=1.${'A'.repeat(MAX_SHARE_URL_LENGTH)}`)).problem).toBe('too-long');
    const bomb = fragmentOf({ v: 1, source: 'x'.repeat(2_000_000) });
    expect(bomb.length).toBeLessThan(MAX_SHARE_URL_LENGTH);
    expect(problemOf(() => decodeShareState(bomb)).message).toMatch(/more than 1,000,000 bytes/);
  });

  it('keeps only plain JSON parameters and drops prototype-polluting keys', () => {
    const state = decodeShareState(fragmentOf({ v: 1, source: SOURCE, params: JSON.parse('{"__proto__": {"polluted": 1}, "a": {"constructor": 1, "b": 2}}') }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(state.params)).toEqual(['a']);
    expect(state.params.a).toEqual({ b: 2 });
    expect(decodeShareState(fragmentOf({ v: 1, source: SOURCE, shippedName: '../../etc' })).shippedName).toBeUndefined();
  });

  it('builds a URL on the app address, or says why it cannot', () => {
    const url = buildShareUrl('http://127.0.0.1:4173/index.html#old', { source: SOURCE, params: { budgetEur: 1 } });
    expect(url.startsWith('http://127.0.0.1:4173/index.html#nb=1.')).toBe(true);
    expect(decodeShareState(url).params).toEqual({ budgetEur: 1 });
    const uploads = problemOf(() => buildShareUrl('http://x/', { source: SOURCE, params: {} }, { usesUploads: true }));
    expect(uploads.problem).toBe('uploads');
    expect(uploads.message).toMatch(/export the report file/);
    let noise = '';
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise += String.fromCharCode(33 + (seed % 90));
    }
    const shipped = buildShareUrl('http://x/', { source: SOURCE + noise, params: { budgetEur: 2 }, shippedName: 'nano-vs-micro-vs-mega' });
    expect(shipped.length).toBeLessThanOrEqual(MAX_SHARE_URL_LENGTH);
    expect(decodeShareState(shipped)).toEqual({ source: '', params: { budgetEur: 2 }, shippedName: 'nano-vs-micro-vs-mega' });
    expect(problemOf(() => decodeShareState(fragmentOf({ v: 1, source: '' }))).problem).toBe('garbage');
    const long = problemOf(() => buildShareUrl('http://x/', { source: SOURCE + noise, params: {} }));
    expect(long.problem).toBe('too-long');
    expect(long.message).toMatch(/too large for a share link.*Export the report file/);
  });
});
