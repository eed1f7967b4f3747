import { createHash, randomBytes } from 'node:crypto';

/** Randomness is injected: production uses the OS CSPRNG, tests and replays a seeded generator. */
export interface Rng {
  bytes(n: number): Buffer;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

function intFromBytes(bytes: (n: number) => Buffer, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`bad range ${n}`);
  // Rejection sampling keeps the result unbiased.
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const v = bytes(4).readUInt32BE(0);
    if (v < limit) return v % n;
  }
}

export const systemRng: Rng = {
  bytes: (n) => randomBytes(n),
  int: (n) => intFromBytes(randomBytes, n),
};

/**
 * Deterministic generator: SHA-256 in counter mode over a seed. Anyone holding the seed reproduces the stream,
 * which is what replayable draws and the reproducible demo data need.
 */
export function seededRng(seed: string): Rng {
  let counter = 0;
  let pool = Buffer.alloc(0);
  const bytes = (n: number): Buffer => {
    while (pool.length < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return Buffer.from(out);
  };
  return { bytes, int: (n) => intFromBytes(bytes, n) };
}
