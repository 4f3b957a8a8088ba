import "server-only";
import { env } from "@/lib/env";

// AUTO_RECHARGE_RETRY_DELAYS_SECONDS (lib/env.ts): how long to wait before the next attempt after
// the 1st, 2nd, … failure in a row, comma-separated (default "60,300": one minute, then five). The
// last value repeats if there are more failures than values. Read on every use so tests can
// shorten it.
export function retryDelaysSeconds(): number[] {
  return env().AUTO_RECHARGE_RETRY_DELAYS_SECONDS;
}

/** The wait before the attempt that follows failure number `failures` (1-based). */
export function retryDelaySeconds(failures: number): number {
  const list = retryDelaysSeconds();
  return list[Math.min(Math.max(failures, 1), list.length) - 1];
}
