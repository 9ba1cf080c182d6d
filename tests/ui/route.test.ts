/** Each notebook's address (src/ui/workbench/route.ts): written and read back, and what it must leave alone. */
import { describe, expect, it } from 'vitest';
import { readRoute, routeHash } from '../../src/ui/workbench/route.ts';

describe('notebook addresses', () => {
  it('a shipped notebook is #/notebook/<name>, one of the user\'s #/mine/<id>', () => {
    expect(routeHash('shipped:readout')).toBe('#/notebook/readout');
    expect(routeHash('user:lx3k2-ab12c')).toBe('#/mine/lx3k2-ab12c');
    expect(readRoute('#/notebook/readout')).toEqual({ key: 'shipped:readout', params: {} });
    expect(readRoute('#/mine/lx3k2-ab12c')).toEqual({ key: 'user:lx3k2-ab12c', params: {} });
  });

  it('carries parameter values as text, lists and objects as JSON, and reads them back', () => {
    const hash = routeHash('shipped:nano-vs-micro-vs-mega', { budget: 80000, credibility: 0.3, bands: [{ tier: 'nano' }] });
    expect(hash).toBe('#/notebook/nano-vs-micro-vs-mega?budget=80000&credibility=0.3&bands=%5B%7B%22tier%22%3A%22nano%22%7D%5D');
    expect(readRoute(hash)).toEqual({ key: 'shipped:nano-vs-micro-vs-mega', params: { budget: '80000', credibility: '0.3', bands: '[{"tier":"nano"}]' } });
  });

  it('leaves share links, the skip link and anything else to others', () => {
    expect(readRoute('#nb=1.abc')).toBeNull();
    expect(readRoute('#notebook')).toBeNull();
    expect(readRoute('')).toBeNull();
    expect(readRoute('#/notebook/')).toBeNull();
    // A name that is not valid percent-encoding is no address (never an exception).
    expect(readRoute('#/notebook/%E0%A4%A')).toBeNull();
  });
});
