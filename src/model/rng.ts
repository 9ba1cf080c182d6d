/**
 * The model's random numbers: the generator (xoshiro128**, seeded by splitmix32)
 * from src/shared/random.ts, the one PRNG module of the project, and the normal
 * quantile function it builds its tables with (src/shared/normal.ts).
 */
export { createRng, type Rng } from '../shared/random.ts';
export { normalQuantile } from '../shared/normal.ts';
