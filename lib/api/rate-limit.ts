import "server-only";
import { env } from "@/lib/env";

// A token bucket per API key, kept in this process's memory: with several app instances each
// enforces the limit on its own share of traffic. Refills continuously at `rate` per second up
// to `burst`.
export type RateLimit = { rate: number; burst: number };

type Bucket = { tokens: number; updatedAt: number };
// On globalThis: the production server loads this module twice (Next.js's bundle and the public
// API door of scripts/app-server.ts), and a key must have one bucket whichever door it comes by.
const globalForLimits = globalThis as unknown as { saldoRateLimitBuckets?: Map<string, Bucket> };
const buckets = (globalForLimits.saldoRateLimitBuckets ??= new Map());

/** API_RATE_LIMIT_PER_SECOND and API_RATE_LIMIT_BURST (lib/env.ts), read per request so tests can lower them. */
export function rateLimitFromEnv(): RateLimit {
  const { API_RATE_LIMIT_PER_SECOND: rate, API_RATE_LIMIT_BURST: burst } = env();
  return { rate, burst };
}

/** Takes one token; returns 0 when allowed, else the seconds to wait before a retry. */
export function takeToken(key: string, limit: RateLimit, now = Date.now()): number {
  const bucket = buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
  bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.rate);
  bucket.updatedAt = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.rate));
}

export function resetRateLimits() {
  buckets.clear();
}
