import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src/shared/base64.ts';

describe('src/shared/base64: the one base64 codec', () => {
  it('standard base64 agrees with Node for every length around the 3-byte groups and the 32 KiB slices', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 39, 40, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = bytesToBase64(bytes);
      expect(text, `length ${n}`).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(text)!), `length ${n} back`).toEqual(Array.from(bytes));
    }
  });

  it('base64url agrees with Node (no padding) and round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = bytesToBase64(bytes, { url: true });
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(base64ToBytes(text, { url: true })!)).toEqual(Array.from(bytes));
    }
  });

  it('refuses text outside the alphabet asked for, and impossible lengths, with null', () => {
    expect(base64ToBytes('!!!!', { url: true })).toBeNull();
    expect(base64ToBytes('ab+/', { url: true }), '+ and / are not base64url').toBeNull();
    expect(base64ToBytes('ab-_'), '- and _ are not standard base64').toBeNull();
    // One character left over after whole groups of four can never come from an encoder.
    expect(base64ToBytes('AAAAA', { url: true })).toBeNull();
    expect(base64ToBytes('A===')).toBeNull();
  });
});
