/**
 * Token buckets by key (a client address, a user): `perMinute` requests, refilled evenly, bursts up
 * to `perMinute` (issue #12, hole 4; decision 0009). In memory, per process: behind several gateway
 * replicas the limit is per replica, which still bounds what one client can make one replica do.
 */
export interface RateLimiter {
  /** Takes one request for `key`: null when allowed, else the seconds to wait (`Retry-After`). */
  take(key: string): number | null;
}

/** Buckets idle long enough to be full again are forgotten once the map holds this many. */
const sweepAbove = 10_000;

export const createRateLimiter = (perMinute: number, now: () => number = Date.now): RateLimiter => {
  const capacity = Math.max(1, perMinute);
  const perMs = capacity / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const sweep = (t: number) => {
    for (const [key, bucket] of buckets) if (bucket.tokens + (t - bucket.at) * perMs >= capacity) buckets.delete(key);
  };
  return {
    take(key) {
      const t = now();
      if (buckets.size > sweepAbove) sweep(t);
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
};
