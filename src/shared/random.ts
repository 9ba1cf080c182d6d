/**
 * The project's seeded pseudo-random numbers: one module, two named algorithms.
 *
 * - `createRng` (xoshiro128**) is the generator for everything new: the campaign
 *   simulation (src/model), resampling, randomised search. Its stream is pinned by a
 *   digest test (tests/model/rng.test.ts) and is identical in Node and Chromium.
 * - `mulberry32` is kept only because the bundled retail panel
 *   (data/panel/retail-panel.csv.gz) and the measurement tests' simulated panels were
 *   drawn from it: the panel must regenerate byte-identically (tests/data), so its
 *   stream may never change. Do not use it for anything new.
 *
 * Pure, no imports: src/shared sits below every other folder. See docs/model.md
 * (Random numbers and speed).
 */

/**
 * createRng: seeded numbers that are identical in Node and in every browser.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, 2018), a 128-bit state generator with a
 * period of 2^128 - 1 whose output scrambler (multiply by 5, rotate 7, multiply by 9)
 * makes every output bit usable, so the simulation may split one 32-bit draw into
 * several bit fields. All state updates use 32-bit integer arithmetic (`Math.imul`,
 * shifts, xor), which JavaScript defines exactly, so the uint32 stream is bit-for-bit
 * the same on every engine.
 *
 * Seeding: the seed (any finite number; it is truncated to an integer and its low and
 * high 32 bits are mixed) feeds splitmix32, whose four successive outputs fill the
 * state, so neighbouring seeds give unrelated streams and the all-zero state cannot occur.
 *
 * Derived floats (normal, lognormal) use Math.log / Math.sqrt / Math.cos; V8 (Chrome,
 * Node) computes these identically, other engines may differ in the last bit.
 */
export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1) with 32 bits of resolution. */
  uniform(): number;
  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number;
  /** exp(mu + sigma * Z). */
  lognormal(mu: number, sigma: number): number;
  /** Poisson count: exact (multiplication method) for lambda < 30, else a rounded normal approximation. */
  poisson(lambda: number): number;
  /** Binomial count: exact (Bernoulli sum) for n < 40, else Poisson or normal approximation. */
  binomial(n: number, p: number): number;
  /** Fill an array with uniforms in [0, 1). */
  fillUniform(out: Float64Array): Float64Array;
  /** Fill an array with standard normals. */
  fillNormal(out: Float64Array): Float64Array;
  /**
   * Restarts the generator on substream `stream` of `seed` without allocating. The
   * simulation gives every (run, tier) its own substream, so adding influencers to one
   * tier never shifts the draws of another tier or another run.
   */
  reseed(seed: number, stream?: number): void;
}

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // The state lives in an Int32Array, not in four closure variables: with pointer
  // compression (Chrome) an int32 outside 31 bits held in a closure is boxed, so every
  // draw allocated; the typed array keeps the same 32-bit arithmetic without boxing.
  const s = new Int32Array(4);
  let spare = 0;
  let hasSpare = false;

  function reseed(seedValue: number, stream = 0): void {
    const whole = Math.trunc(seedValue);
    const low = whole | 0;
    const high = Math.floor(whole / TWO_POW_32) | 0;
    // One splitmix32 step of the seed, then the stream number is added with a second
    // odd constant, so (seed, stream) pairs map to distinct, well-mixed starting points.
    let sm = splitmix32(low ^ Math.imul(high, 0x9e3779b1))[1];
    sm = (sm + Math.imul(stream | 0, 0x632be5ab)) | 0;
    let out: number;
    [sm, out] = splitmix32(sm);
    s[0] = out;
    [sm, out] = splitmix32(sm);
    s[1] = out;
    [sm, out] = splitmix32(sm);
    s[2] = out;
    [sm, out] = splitmix32(sm);
    s[3] = out;
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    hasSpare = false;
  }
  reseed(seed, 0);

  function nextUint32(): number {
    let s0 = s[0]!;
    let s1 = s[1]!;
    let s2 = s[2]!;
    let s3 = s[3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return result >>> 0;
  }
  function uniform(): number {
    return nextUint32() / TWO_POW_32;
  }
  function normal(): number {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = (nextUint32() + 0.5) / TWO_POW_32;
    const u2 = nextUint32() / TWO_POW_32;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }
  function poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = uniform();
      while (product > limit) {
        k++;
        product *= uniform();
      }
      return k;
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  }
  function binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n < 40) {
      let k = 0;
      for (let i = 0; i < n; i++) if (uniform() < p) k++;
      return k;
    }
    const mean = n * p;
    const variance = mean * (1 - p);
    if (variance < 10) return Math.min(n, poisson(mean));
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(variance) * normal())));
  }
  return {
    reseed,
    nextUint32,
    uniform,
    normal,
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    poisson,
    binomial,
    fillUniform(out) {
      for (let i = 0; i < out.length; i++) out[i] = nextUint32() / TWO_POW_32;
      return out;
    },
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
  };
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): uniforms in [0, 1). Kept bit-for-bit
 * for the bundled panel and the test panels drawn from it (see the module comment).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One standard normal from a uniform source (Box-Muller, cosine branch): draws
 * 1 - u first (so the logarithm never sees 0), then the angle. Used with mulberry32
 * by the panel generator and the test panels; `Rng.normal` is xoshiro's own.
 */
export function boxMuller(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
