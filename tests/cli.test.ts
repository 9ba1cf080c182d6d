import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: process.cwd() }, out, err };
}

describe('nanolift CLI', () => {
  it('lists its commands and exits 2 without one, since nothing was asked', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    expect(c.out.join('')).toMatch(/simulate/);
  });
  it('names an unknown command and exits 2', async () => {
    const c = capture();
    expect(await main(['simulat'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/unknown command 'simulat'/);
  });
});
